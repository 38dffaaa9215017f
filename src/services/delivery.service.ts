import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import { placeholder as p } from "../db/placeholder";
import { UserEntity } from "../entities";
import { cancelPending, returned, toDelivery } from "../live/delivery-store";
import type { DeliveryRow } from "../live/delivery-store";
import { newWebhookSecret } from "../live/webhook-signature";
import { assertRole, requireSignedIn } from "./access";
import type { Actor, UserActor } from "./actor";
import { UserErrorCode, problem } from "./errors";
import { findUserOfAgency } from "./user-ref";
import type { UserRef } from "./user-ref";

export interface WebhookEndpointRow {
  id: number;
  agencyId: number;
  url: string;
  /** The secret's last four characters, to tell endpoints apart; the secret itself is never read back. */
  secretHint: string;
  active: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  createdAt: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  /** Null keeps the password already stored. */
  password: string | null;
  from: string;
}

/** Rows as the database returns them (numbers may come back as strings on PostgreSQL, booleans as 0/1 on SQLite). */
interface EndpointRecord {
  id: number | string;
  agency_id: number | string;
  url: string;
  secret: string;
  active: unknown;
  consecutive_failures: number | string;
  disabled_at: string | null;
  created_at: string;
}

interface SmtpRecord {
  host: string;
  port: number | string;
  secure: unknown;
  username: string | null;
  password: string | null;
  from_address: string;
}

const EMAIL = /^[^\s@<>",;]{1,64}@[^\s@<>",;]{1,190}$/;

/** The acting ADMIN; outbound delivery is configured per agency by its ADMINs only. */
function admin(actor: Actor, doing: string): UserActor {
  const user = requireSignedIn(actor);
  if (!user) throw problem(UserErrorCode.FORBIDDEN, "Outbound delivery belongs to an agency; sign in as its ADMIN.");
  assertRole(actor, user.agencyId, "ADMIN", doing);
  return user;
}

function checkUrl(url: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (!parsed || !["http:", "https:"].includes(parsed.protocol) || url.length > 500) {
    throw problem(UserErrorCode.INVALID_INPUT, "Give an http:// or https:// URL of at most 500 characters.", ["input", "url"]);
  }
}

/** Webhook endpoints, SMTP settings and e-mail addresses: what outbound delivery (src/live/outbound) sends to. */
export class DeliveryService {
  constructor(private readonly db: Database) {}

  /** Adds an endpoint; returns it with its secret — the only time the secret is shown. */
  addEndpoint(actor: Actor, input: { url: string; secret?: string | null }): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
    const user = admin(actor, "add webhook endpoints");
    checkUrl(input.url);
    const secret = input.secret ?? newWebhookSecret();
    if (secret.length < 24 || secret.length > 200) {
      throw problem(UserErrorCode.INVALID_INPUT, "A webhook secret has 24 to 200 characters; omit it to have one generated.", ["input", "secret"]);
    }
    return this.db.transaction(async manager => {
      const [row] = returned(
        await manager.query(
          `INSERT INTO webhook_endpoint (agency_id, url, secret, active, consecutive_failures, created_at)
           VALUES (${p(manager, 1)}, ${p(manager, 2)}, ${p(manager, 3)}, TRUE, 0, ${p(manager, 4)}) RETURNING *`,
          [user.agencyId, input.url, secret, new Date().toISOString()],
        ),
      ) as EndpointRecord[];
      const endpoint = toEndpoint(row);
      await appendAudit(manager, actor, { action: "webhook.endpoint.add", agencyId: user.agencyId, diff: { endpointId: endpoint.id, url: endpoint.url } });
      return { endpoint, secret };
    });
  }

  removeEndpoint(actor: Actor, id: number): Promise<WebhookEndpointRow> {
    const user = admin(actor, "remove webhook endpoints");
    return this.db.transaction(async manager => {
      const endpoint = await ownEndpoint(manager, user, id);
      await cancelPending(manager, id);
      await manager.query(`DELETE FROM webhook_endpoint WHERE id = ${p(manager, 1)}`, [id]);
      await appendAudit(manager, actor, { action: "webhook.endpoint.remove", agencyId: user.agencyId, diff: { endpointId: id, url: endpoint.url } });
      return endpoint;
    });
  }

  /** Enables an endpoint disabled after failures; its run of failures starts again from zero. */
  enableEndpoint(actor: Actor, id: number): Promise<{ endpoint: WebhookEndpointRow; changed: boolean }> {
    const user = admin(actor, "enable webhook endpoints");
    return this.db.transaction(async manager => {
      const endpoint = await ownEndpoint(manager, user, id);
      if (endpoint.active) return { endpoint, changed: false };
      await manager.query(`UPDATE webhook_endpoint SET active = TRUE, consecutive_failures = 0, disabled_at = NULL WHERE id = ${p(manager, 1)}`, [id]);
      await appendAudit(manager, actor, { action: "webhook.endpoint.enable", agencyId: user.agencyId, diff: { endpointId: id, url: endpoint.url } });
      return { endpoint: { ...endpoint, active: true, consecutiveFailures: 0, disabledAt: null }, changed: true };
    });
  }

  async endpoints(actor: Actor): Promise<WebhookEndpointRow[]> {
    const user = admin(actor, "see its webhook endpoints");
    const rows = await this.db.read(manager =>
      manager.query<EndpointRecord[]>(`SELECT * FROM webhook_endpoint WHERE agency_id = ${p(manager, 1)} ORDER BY id`, [user.agencyId]),
    );
    return rows.map(toEndpoint);
  }

  /** The delivery log of one of the ADMIN's endpoints, newest first. */
  async deliveries(actor: Actor, endpointId: number, first: number): Promise<DeliveryRow[]> {
    const user = admin(actor, "see its webhook deliveries");
    const rows = await this.db.read(manager =>
      manager.query<Array<Record<string, unknown>>>(
        `SELECT * FROM delivery WHERE channel = 'WEBHOOK' AND target = ${p(manager, 1)} AND agency_id = ${p(manager, 2)} ORDER BY id DESC LIMIT ${p(manager, 3)}`,
        [endpointId, user.agencyId, first],
      ),
    );
    return rows.map(toDelivery);
  }

  /** Sets the agency's mail server; the password is never read back (passwordSet says whether one is stored). */
  setSmtp(actor: Actor, input: SmtpSettings): Promise<void> {
    const user = admin(actor, "configure its mail server");
    if (!input.host.trim() || input.host.length > 200) throw problem(UserErrorCode.INVALID_INPUT, "Give the mail server's host name.", ["input", "host"]);
    if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535)
      throw problem(UserErrorCode.INVALID_INPUT, "The port is 1–65535 (25, 465 or 587).", ["input", "port"]);
    if (!EMAIL.test(input.from.replace(/^.*<(.+)>$/, "$1")))
      throw problem(UserErrorCode.INVALID_INPUT, "from is an e-mail address, e.g. gongkai@example.gov.cn.", ["input", "from"]);
    return this.db.transaction(async manager => {
      const [old] = await manager.query<SmtpRecord[]>(`SELECT password FROM smtp_config WHERE agency_id = ${p(manager, 1)}`, [user.agencyId]);
      await manager.query(`DELETE FROM smtp_config WHERE agency_id = ${p(manager, 1)}`, [user.agencyId]);
      const values = [user.agencyId, input.host, input.port, input.username, input.password ?? old?.password ?? null, input.from];
      await manager.query(
        `INSERT INTO smtp_config (agency_id, host, port, secure, username, password, from_address)
         VALUES (${p(manager, 1)}, ${p(manager, 2)}, ${p(manager, 3)}, ${input.secure ? "TRUE" : "FALSE"}, ${p(manager, 4)}, ${p(manager, 5)}, ${p(manager, 6)})`,
        values,
      );
      const diff = {
        host: input.host,
        port: input.port,
        secure: input.secure,
        username: input.username,
        from: input.from,
        passwordChanged: input.password !== null,
      };
      await appendAudit(manager, actor, { action: "smtp.config.set", agencyId: user.agencyId, diff });
    });
  }

  async smtp(actor: Actor): Promise<(Omit<SmtpSettings, "password"> & { passwordSet: boolean }) | null> {
    const user = admin(actor, "see its mail server settings");
    const [row] = await this.db.read(manager => manager.query<SmtpRecord[]>(`SELECT * FROM smtp_config WHERE agency_id = ${p(manager, 1)}`, [user.agencyId]));
    if (!row) return null;
    return {
      host: row.host,
      port: Number(row.port),
      secure: Boolean(row.secure),
      username: row.username,
      from: row.from_address,
      passwordSet: row.password != null,
    };
  }

  /** Sets a user's e-mail address (null removes it): the user's own, or an ADMIN's for a user of the agency. */
  setEmail(actor: Actor, who: UserRef | string, email: string | null): Promise<UserEntity> {
    const signedIn = requireSignedIn(actor);
    if (email !== null && !EMAIL.test(email))
      throw problem(UserErrorCode.INVALID_INPUT, "Give an e-mail address such as wang@example.gov.cn, or null.", ["input", "email"]);
    return this.db.transaction(async manager => {
      const user = await findUserOfAgency(manager, actor, who);
      if (signedIn?.userId !== user.id) assertRole(actor, user.agencyId, "ADMIN", "set its users' e-mail addresses");
      if (user.email === email) return user;
      await manager.update(UserEntity, { id: user.id }, { email });
      await appendAudit(manager, actor, {
        action: "user.email.set",
        agencyId: user.agencyId,
        diff: { userId: user.id, email: { before: user.email, after: email } },
      });
      return { ...user, email };
    });
  }
}

async function ownEndpoint(manager: EntityManager, user: UserActor, id: number): Promise<WebhookEndpointRow> {
  const [row] = await manager.query<EndpointRecord[]>(`SELECT * FROM webhook_endpoint WHERE id = ${p(manager, 1)} AND agency_id = ${p(manager, 2)}`, [
    id,
    user.agencyId,
  ]);
  if (!row) throw problem(UserErrorCode.NOT_FOUND, "Your agency has no webhook endpoint with this id; list them with webhookEndpoints.", ["input", "id"]);
  return toEndpoint(row);
}

function toEndpoint(row: EndpointRecord): WebhookEndpointRow {
  return {
    id: Number(row.id),
    agencyId: Number(row.agency_id),
    url: row.url,
    secretHint: `…${String(row.secret).slice(-4)}`,
    active: Boolean(row.active),
    consecutiveFailures: Number(row.consecutive_failures),
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}
