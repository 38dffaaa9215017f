import type { EntityManager } from "typeorm";
import { placeholder as p } from "../db/placeholder";
import { EVENT_LABELS } from "../workflow";
import type { WorkflowEventType } from "../workflow";
import { insertDelivery } from "./delivery-store";
import type { StreamRecord } from "./event-stream";
import type { InboxEntry } from "./inbox";

/** Records sent to webhooks: every workflow step and every deadline reminder. */
export function isWebhookEvent(action: string): boolean {
  return action.startsWith("report.workflow.") || action === "report.reminder";
}

// Note: the same opaque ids as the GraphQL API's (src/schema/node-id, a layer above), so a receiver can query them.
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");

/** The JSON a webhook receives for a record (README, "Webhooks"): what happened to which report, by whom. */
export async function webhookPayload(manager: EntityManager, record: StreamRecord): Promise<Record<string, unknown> | null> {
  const [report] = await manager.query(
    `SELECT r.id, r.year, r.title, r.state, r.version, a.id AS agency_id, a.name AS agency_name FROM report r JOIN agency a ON a.id = r.agency_id WHERE r.id = ${p(manager, 1)}`,
    [record.reportId],
  );
  if (!report) return null;
  const step = record.action.startsWith("report.workflow.") ? record.action.slice("report.workflow.".length).toUpperCase() : null;
  const diff = record.diff;
  return {
    seq: record.seq,
    event: record.action,
    at: record.at,
    step,
    reminder: record.action === "report.reminder" ? { kind: diff.kind, due: diff.due } : null,
    agency: { id: globalId("Agency", Number(report.agency_id)), name: report.agency_name },
    report: {
      id: globalId("Report", Number(report.id)),
      databaseId: Number(report.id),
      year: Number(report.year),
      title: report.title,
      // Note: a step's record says the state and version it produced; a reminder's has neither: the report's now.
      state: diff.state?.after ?? report.state,
      version: typeof diff.version === "number" ? diff.version : (diff.version?.after ?? Number(report.version)),
    },
    by: record.actorName,
    reason: diff.reason ?? null,
  };
}

/** Whether a record derives webhook deliveries (its agency may still have no endpoint). */
function mayDeriveWebhooks(record: StreamRecord): record is StreamRecord & { agencyId: number } {
  return isWebhookEvent(record.action) && record.agencyId !== null && record.reportId !== null;
}

type Endpoints = Map<number, Array<{ id: number; url: string }>>;

/** The active endpoints of the agencies of the records that derive webhooks, in one statement; none: no statement. */
export async function activeEndpoints(manager: EntityManager, records: StreamRecord[]): Promise<Endpoints> {
  const agencyIds = [...new Set(records.filter(mayDeriveWebhooks).map(record => record.agencyId))];
  const result: Endpoints = new Map(agencyIds.map(id => [id, []]));
  if (!agencyIds.length) return result;
  const rows: Array<{ id: number | string; url: string; agency_id: number | string }> = await manager.query(
    `SELECT id, url, agency_id FROM webhook_endpoint WHERE agency_id IN (${agencyIds.map((_id, i) => p(manager, i + 1)).join(", ")}) AND active = TRUE ORDER BY id`,
    agencyIds,
  );
  for (const row of rows) result.get(Number(row.agency_id))!.push({ id: Number(row.id), url: row.url });
  return result;
}

/** One row per active endpoint of the record's agency (`endpoints`: activeEndpoints of a batch the record is in). */
export async function deriveWebhooks(manager: EntityManager, record: StreamRecord, now: string, endpoints?: Endpoints): Promise<void> {
  if (!mayDeriveWebhooks(record)) return;
  const targets = (endpoints ?? (await activeEndpoints(manager, [record]))).get(record.agencyId) ?? [];
  if (!targets.length) return;
  const payload = await webhookPayload(manager, record);
  if (!payload) return;
  const body = JSON.stringify(payload);
  for (const endpoint of targets) {
    await insertDelivery(manager, {
      channel: "WEBHOOK",
      target: Number(endpoint.id),
      agencyId: record.agencyId,
      seq: record.seq,
      event: record.action,
      recipient: endpoint.url,
      body,
      now,
    });
  }
}

type Mailboxes = Map<number, { id: number; email: string; agency_id: number }>;

/** The people of these entries who have an address where their agency has SMTP configured, in one statement. */
export async function mailboxes(manager: EntityManager, entries: Array<InboxEntry | null>): Promise<Mailboxes> {
  const userIds = [...new Set(entries.flatMap(entry => entry?.userIds ?? []))];
  if (!userIds.length) return new Map();
  const rows: Array<{ id: number | string; email: string; agency_id: number | string }> = await manager.query(
    `SELECT u.id, u.email, u.agency_id FROM app_user u JOIN smtp_config s ON s.agency_id = u.agency_id
     WHERE u.email IS NOT NULL AND u.id IN (${userIds.map((_id, i) => p(manager, i + 1)).join(", ")})`,
    userIds,
  );
  return new Map(rows.map(row => [Number(row.id), { id: Number(row.id), email: row.email, agency_id: Number(row.agency_id) }]));
}

/**
 * One e-mail per person the entry concerns who has an address, where their agency has SMTP configured
 * (`known`: mailboxes of a batch the entry is in).
 */
export async function deriveEmails(manager: EntityManager, entry: InboxEntry | null, action: string, now: string, known?: Mailboxes): Promise<void> {
  if (!entry?.userIds.length) return;
  const found = known ?? (await mailboxes(manager, [entry]));
  const users = [...new Set(entry.userIds)].sort((a, b) => a - b).flatMap(id => found.get(id) ?? []);
  if (!users.length) return;
  const [report] = await manager.query(`SELECT title FROM report WHERE id = ${p(manager, 1)}`, [entry.reportId]);
  const body = JSON.stringify(emailText(entry, report?.title ?? `#${entry.reportId}`));
  for (const user of users) {
    await insertDelivery(manager, {
      channel: "EMAIL",
      target: Number(user.id),
      agencyId: Number(user.agency_id),
      seq: entry.seq,
      event: action,
      recipient: user.email,
      body,
      now,
    });
  }
}

/** Subject and text of a notification e-mail, in Chinese (the users' language). */
export function emailText(entry: InboxEntry, title: string): { subject: string; text: string } {
  const what: Record<InboxEntry["kind"], string> = {
    WAITING: `待您${EVENT_LABELS[entry.action as WorkflowEventType] ?? entry.action}`,
    REJECTED: "已被退回修改",
    PUBLISHED: "已发布",
    REMINDER: "尚未发布，请抓紧办理",
    OVERDUE: "已逾期未发布",
    WEBHOOK_DISABLED: "的 Webhook 投递连续失败，端点已停用",
    SCHEDULE_REFUSED: "的定时发布未执行",
  };
  const subject = `【政府信息公开年度报告】《${title}》${what[entry.kind]}`;
  const lines = [subject, "", `操作人：${entry.by}`, `时间：${entry.at}`];
  if (entry.reason) lines.push(`说明：${entry.reason}`);
  lines.push("", "请登录 Gongkai 查看。");
  return { subject, text: lines.join("\n") };
}
