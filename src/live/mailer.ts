import nodemailer from "nodemailer";
import type { Database } from "../db";
import { placeholder as p } from "../db/placeholder";
import type { AttemptOutcome, DeliveryRow } from "./delivery-store";

/** An agency's mail server, as its ADMIN configured it (agencySmtpSet). */
export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  password: string | null;
  from: string;
}

export async function smtpConfigOf(db: Database, agencyId: number): Promise<SmtpConfig | null> {
  const [row] = await db.read(manager => manager.query(`SELECT * FROM smtp_config WHERE agency_id = ${p(manager, 1)}`, [agencyId]));
  if (!row) return null;
  return { host: row.host, port: Number(row.port), secure: Boolean(row.secure), username: row.username, password: row.password, from: row.from_address };
}

/**
 * Sends one e-mail delivery through the recipient agency's mail server with nodemailer. The settings are read
 * at each attempt, so a corrected configuration applies to the retries. Closed networks: an internal relay on
 * port 25 without TLS is common, so TLS is used when the server offers it (STARTTLS) and not required.
 */
export async function sendEmail(db: Database, row: DeliveryRow): Promise<AttemptOutcome> {
  const config = await smtpConfigOf(db, row.agencyId);
  if (!config) return { ok: false, responseCode: null, error: "The agency has no SMTP configuration any more." };
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.username ? { user: config.username, pass: config.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    const { subject, text } = JSON.parse(row.body) as { subject: string; text: string };
    const info = await transport.sendMail({ from: config.from, to: row.recipient, subject, text });
    const code = Number(/^(\d{3})/.exec(String(info.response))?.[1] ?? 250);
    return { ok: true, responseCode: code, error: null };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode ?? null;
    return { ok: false, responseCode: code, error: error instanceof Error ? error.message : String(error) };
  } finally {
    transport.close();
  }
}
