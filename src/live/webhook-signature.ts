import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Header names of a webhook delivery (README, "Webhooks"). */
export const WEBHOOK_HEADERS = {
  id: "gongkai-delivery-id",
  event: "gongkai-event",
  timestamp: "gongkai-timestamp",
  signature: "gongkai-signature",
} as const;

/** A new endpoint secret: 32 random bytes, prefixed so it is recognisable in a leaked configuration file. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * The signature header's value: `v1=` and the hex HMAC-SHA256, keyed with the endpoint's secret, of
 * `<timestamp>.<body>` — the Unix-seconds timestamp header, a dot, and the exact bytes of the body. Signing the
 * timestamp with the body lets a receiver refuse an old delivery replayed with its signature.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (and the tests): the signature matches and the timestamp is within `toleranceSeconds` of now. */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string; signature: string },
  body: string,
  now = Date.now(),
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
