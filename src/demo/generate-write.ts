import type { EntityManager } from "typeorm";
import { appendAuditBatch } from "../audit/append-batch";
import type { AuditDraft, ChainHead } from "../audit/append-batch";
import { placeholder } from "../db/placeholder";
import { addStoredReports } from "../db/statistics-summary";
import {
  AgencyEntity,
  AuditEventEntity,
  ReportCellEntity,
  ReportEntity,
  ReportRevisionEntity,
  ReportSectionEntity,
  UserEntity,
  WorkflowEventEntity,
} from "../entities";
import { toStoredValue } from "../formats";
import type { Services } from "../services";
import { ROLES } from "../workflow";
import { agencyClassOf } from "./generate-agencies";
import type { AgencyRecord, PlannedAgency } from "./generate-agencies";
import { DAY, iso, spread } from "./generate-history";
import type { Rng } from "./generate-rng";
import type { BuiltReport } from "./generate-simulate";
import { insertRows, selectIn } from "./generate-sql";
import { demoUserName } from "./load-demo";

type Db = Services["db"];

const REPORTS_PER_TRANSACTION = 20;
const AUDIT_PER_TRANSACTION = 5_000;
const AGENCIES_PER_TRANSACTION = 2_000;
const USERS_PER_TRANSACTION = 3_000;

/** The audit chain's last record (seq 0 and no hash on an empty trail). */
export async function readChainHead(db: Db): Promise<ChainHead> {
  return db.read(async m => {
    const row = await m.find(AuditEventEntity, { order: { seq: "DESC" }, take: 1, select: { seq: true, hash: true } });
    return { seq: Number(row[0]?.seq ?? 0), hash: row[0]?.hash ?? "" };
  });
}

/** Extends the audit chain with `drafts`, in order, a few thousand per transaction; returns the new head (null if none). */
export async function appendAudit(db: Db, drafts: readonly AuditDraft[]): Promise<ChainHead | null> {
  let head: ChainHead | null = null;
  for (let start = 0; start < drafts.length; start += AUDIT_PER_TRANSACTION) {
    const batch = drafts.slice(start, start + AUDIT_PER_TRANSACTION);
    head = await db.transaction(m => appendAuditBatch(m, batch));
  }
  return head;
}

/** Writes the agencies (parents first), one user per role, and the setup's audit records, all dated `at`. */
export async function writeAgencies(db: Db, planned: PlannedAgency[], at: number, rng: Rng): Promise<AgencyRecord[]> {
  const createdAt = new Date(at);
  const ids = await writeAgencyRows(db, planned, createdAt);
  const userIds = await writeUsers(db, planned, ids, createdAt);
  const agencies: AgencyRecord[] = planned.map((agency, index) => ({
    ...agency,
    id: ids[index],
    users: Object.fromEntries(
      ROLES.map(role => [role, { id: userIds.get(demoUserName(agency.code, role))!, name: demoUserName(agency.code, role) }]),
    ) as AgencyRecord["users"],
    address: `10.${rng.int(1, 254)}.${rng.int(0, 254)}.${rng.int(1, 254)}`,
  }));
  await appendAudit(db, setupAudit(planned, agencies, at, rng));
  return agencies;
}

/** Inserts the agencies level by level, so that each parent's id is known; returns the ids in planned order. */
async function writeAgencyRows(db: Db, planned: PlannedAgency[], createdAt: Date): Promise<number[]> {
  const ids = new Array<number>(planned.length);
  const maxDepth = Math.max(...planned.map(a => a.depth));
  for (let depth = 0; depth <= maxDepth; depth++) {
    const level = planned.map((agency, index) => ({ agency, index })).filter(({ agency }) => agency.depth === depth);
    for (let start = 0; start < level.length; start += AGENCIES_PER_TRANSACTION) {
      const chunk = level.slice(start, start + AGENCIES_PER_TRANSACTION);
      await db.transaction(async m => {
        const rows = chunk.map(({ agency }) => ({
          code: agency.code,
          name: agency.name,
          ...agencyClassOf(agency),
          parentId: agency.parent === null ? null : ids[agency.parent],
          createdAt,
        }));
        await insertRows(m, AgencyEntity, ["code", "name", "kind", "level", "parentId", "createdAt"], rows);
        const written = await selectIn<{ id: number | string; code: string }>(
          m,
          chunk.map(({ agency }) => agency.code),
          list => `SELECT "id", "code" FROM "agency" WHERE "code" IN (${list})`,
        );
        const byCode = new Map(written.map(row => [row.code, Number(row.id)]));
        for (const { agency, index } of chunk) ids[index] = byCode.get(agency.code)!;
      });
    }
  }
  return ids;
}

/** Inserts one user per agency and role; returns their ids by name. */
async function writeUsers(db: Db, planned: PlannedAgency[], ids: number[], createdAt: Date): Promise<Map<string, number>> {
  const rows = planned.flatMap((agency, index) =>
    ROLES.map(role => ({ name: demoUserName(agency.code, role), agencyId: ids[index], roles: role, active: true, createdAt })),
  );
  const userIds = new Map<string, number>();
  for (let start = 0; start < rows.length; start += USERS_PER_TRANSACTION) {
    const chunk = rows.slice(start, start + USERS_PER_TRANSACTION);
    await db.transaction(async m => {
      await insertRows(m, UserEntity, ["name", "agencyId", "roles", "active", "createdAt"], chunk);
      const written = await selectIn<{ id: number | string; name: string }>(
        m,
        chunk.map(row => row.name),
        list => `SELECT "id", "name" FROM "app_user" WHERE "name" IN (${list})`,
      );
      for (const row of written) userIds.set(row.name, Number(row.id));
    });
  }
  return userIds;
}

/** The setup's audit records: each agency, then its users, as the CLI created them. */
function setupAudit(planned: PlannedAgency[], agencies: AgencyRecord[], at: number, rng: Rng): AuditDraft[] {
  const times = spread(agencies.length * (1 + ROLES.length), at, at + DAY / 3, rng);
  const drafts: AuditDraft[] = [];
  const cli = { actorKind: "cli", actorId: null, actorName: "cli", actorRoles: null, requestId: null, clientAddress: null, reportId: null };
  for (const agency of agencies) {
    const parentCode = agency.parent === null ? null : planned[agency.parent].code;
    drafts.push({
      ...cli,
      at: iso(times[drafts.length]),
      agencyId: agency.id,
      action: "agency.create",
      diff: { code: agency.code, name: agency.name, parentCode, ...agencyClassOf(agency) },
    });
    for (const role of ROLES) {
      const user = agency.users[role];
      drafts.push({
        ...cli,
        at: iso(times[drafts.length]),
        agencyId: agency.id,
        action: "user.create",
        diff: { name: user.name, roles: role, userId: user.id },
      });
    }
  }
  return drafts;
}

/** Writes one year's reports and their rows, a few reports per transaction; returns their ids in order. */
export async function writeReports(db: Db, built: BuiltReport[]): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < built.length; start += REPORTS_PER_TRANSACTION) {
    const chunk = built.slice(start, start + REPORTS_PER_TRANSACTION);
    await db.transaction(async m => {
      const chunkIds = await writeReportRows(m, chunk);
      ids.push(...chunkIds);
      await writeContents(m, chunk, chunkIds);
      // Note: rows written directly bypass the services, so the statistics summary is brought up to date here.
      await addStoredReports(m, chunkIds);
    });
  }
  return ids;
}

/** Inserts the report rows of one year's chunk; returns their ids in the chunk's order. */
async function writeReportRows(m: EntityManager, chunk: BuiltReport[]): Promise<number[]> {
  const rows = chunk.map(r => ({
    agencyId: r.agency.id,
    year: r.year,
    formatId: r.format.id,
    title: r.title,
    state: r.state,
    version: r.version,
    workflowSnapshot: JSON.stringify(r.snapshot),
    lastEditorId: r.agency.users.DRAFTER.id,
    publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt),
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  }));
  const properties = [
    "agencyId",
    "year",
    "formatId",
    "title",
    "state",
    "version",
    "workflowSnapshot",
    "lastEditorId",
    "publishedAt",
    "createdAt",
    "updatedAt",
  ] as const;
  await insertRows(m, ReportEntity, properties, rows);
  const written = await selectIn<{ id: number | string; agency_id: number | string }>(
    m,
    chunk.map(r => r.agency.id),
    list => `SELECT "id", "agency_id" FROM "report" WHERE "year" = ${placeholder(m, 1)} AND "agency_id" IN (${list})`,
    [chunk[0].year],
  );
  const byAgency = new Map(written.map(row => [Number(row.agency_id), Number(row.id)]));
  return chunk.map(r => byAgency.get(r.agency.id)!);
}

/** Inserts the chunk's cells, sections, workflow events and revisions. */
async function writeContents(m: EntityManager, chunk: BuiltReport[], ids: number[]): Promise<void> {
  const cells: Array<Pick<ReportCellEntity, "reportId" | "tableId" | "rowId" | "colId" | "value">> = [];
  const sections: Array<Pick<ReportSectionEntity, "reportId" | "sectionId" | "body">> = [];
  chunk.forEach((report, index) => {
    const reportId = ids[index];
    for (const key of report.format.cellKeys) {
      const value = report.cells[key];
      if (value === null) continue;
      const def = report.format.cells.get(key)!;
      cells.push({ reportId, tableId: def.table.id, rowId: def.row.id, colId: def.column.id, value: toStoredValue(def, value) });
    }
    for (const [sectionId, body] of Object.entries(report.sections)) sections.push({ reportId, sectionId, body });
  });
  const events = chunk.flatMap((report, index) => report.workflowEvents.map(event => ({ reportId: ids[index], ...event })));
  const revisions = chunk.flatMap((report, index) => report.revisions.map(revision => ({ reportId: ids[index], ...revision })));
  await insertRows(m, ReportCellEntity, ["reportId", "tableId", "rowId", "colId", "value"], cells);
  await insertRows(m, ReportSectionEntity, ["reportId", "sectionId", "body"], sections);
  const eventProperties = ["reportId", "actorId", "actorRole", "event", "fromState", "toState", "reason", "contentHash", "version", "createdAt"] as const;
  await insertRows(m, WorkflowEventEntity, eventProperties, events);
  const revisionProperties = ["reportId", "revision", "kind", "content", "contentHash", "createdBy", "correctionReason", "createdAt"] as const;
  await insertRows(m, ReportRevisionEntity, revisionProperties, revisions);
}
