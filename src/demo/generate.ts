import { createHash } from "node:crypto";
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
import { FIRST_REPORT_YEAR, formatForYear, textSections, toStoredValue } from "../formats";
import type { Format } from "../formats";
import type { Services } from "../services";
import { canonicalContent } from "../services/content-hash";
import type { ReportContent } from "../services/report-store";
import { validateReport } from "../validation";
import { ROLES, applyEvent, deadlineInstant, revisionKindOf, startWorkflow } from "../workflow";
import type { PersistedWorkflow, Role, WorkflowEventType } from "../workflow";
import { agencyClassOf, planAgencies } from "./generate-agencies";
import type { PlannedAgency } from "./generate-agencies";
import { BREAK_KINDS, generateContent } from "./generate-content";
import type { BreakKind, CarryState, GeneratedContent } from "./generate-content";
import { CORRECTION_REASONS, DAY, REJECT_REASONS, officeHours, planReport, spread } from "./generate-history";
import type { PathStep, ReportPlan } from "./generate-history";
import { Rng } from "./generate-rng";
import { insertRows, selectIn } from "./generate-sql";
import { demoUserName } from "./load-demo";

export interface GenerateOptions {
  agencies: number;
  fromYear: number;
  toYear: number;
  /** Share of reports whose tables do not add up (they fail a validation rule and stay drafts). Default 0.03. */
  brokenShare?: number;
  /** Pad the audit trail with draft edits until it holds this many records in all. Default: no padding. */
  auditRecords?: number;
  seed?: number;
  /** The present: no record is dated after it. Default: the clock. */
  now?: Date;
  log?: (line: string) => void;
}

export interface GeneratedReportInfo {
  id: number;
  agencyId: number;
  year: number;
  state: string;
  broken: BreakKind | null;
}

export interface GenerateSummary {
  /** Agency codes start with it: `<prefix>-p` is the top supervising office. */
  prefix: string;
  topAgencyCode: string;
  agencies: number;
  users: number;
  reports: GeneratedReportInfo[];
  byState: Record<string, number>;
  publishedLate: number;
  auditAppended: number;
  auditTotal: number;
  head: ChainHead;
  seconds: number;
}

interface AgencyRecord extends PlannedAgency {
  id: number;
  users: Record<Role, { id: number; name: string }>;
  address: string;
}

const REPORTS_PER_TRANSACTION = 20;
const AUDIT_PER_TRANSACTION = 5_000;

/**
 * Generates a realistic province of agencies with users, reports of both
 * formats whose tables add up (except a chosen share), and their workflow
 * histories and audit trail, written in batches straight into the database:
 * one transaction per few thousand rows, multi-row INSERTs, and the audit
 * chain extended in batches under its lock (see appendAuditBatch).
 */
export async function generateDemoData(services: Services, options: GenerateOptions): Promise<GenerateSummary> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 1;
  const now = (options.now ?? new Date()).getTime();
  checkOptions(options, now);
  const db = services.db;
  const prefix = `gen${seed}`;
  if (await db.read(m => m.existsBy(AgencyEntity, { code: `${prefix}-p` }))) {
    throw new Error(`Agencies ${prefix}-… exist already: seed ${seed} was generated into this database; use another --seed or a fresh database.`);
  }
  const rng = new Rng(seed);
  const planned = planAgencies(options.agencies, prefix, rng.fork(1));
  const years = range(options.fromYear, options.toYear);
  const windows = yearWindows(years, now);

  // Plan every report's path first, so the padding is known before anything is written.
  const planRng = rng.fork(2);
  const total = planned.length * years.length;
  const brokenSlots = chooseBroken(total, options.brokenShare ?? 0.03, planRng);
  const plans: Array<{ plan: ReportPlan; broken: BreakKind | null }> = [];
  for (let slot = 0; slot < total; slot++) {
    const year = years[Math.floor(slot / planned.length)];
    const broken = brokenSlots.has(slot) ? planRng.pick(BREAK_KINDS) : null;
    plans.push({ plan: planReport(year === options.toYear, broken !== null, planRng), broken });
  }
  const existing = await db.read(m => m.count(AuditEventEntity));
  const natural =
    planned.length * (1 + ROLES.length) +
    plans.reduce((sum, { plan }, slot) => sum + 1 + fillRecordCount(formatOfYear(years[Math.floor(slot / planned.length)])) + plan.path.length, 0);
  const padding = padPerReport(Math.max(0, (options.auditRecords ?? 0) - existing - natural), total, planRng);

  log(`Planned ${planned.length} agencies, ${total} reports (${years[0]}–${years.at(-1)}), ${natural} natural audit records + ${padding.sum} padding.`);
  const setupAt = Math.min(Date.UTC(options.fromYear, 10, 15), windows.get(options.fromYear)!.start - 2 * DAY);
  const agencies = await writeAgencies(db, planned, setupAt, rng.fork(3));
  let head = await db.read(async m => {
    const row = await m.find(AuditEventEntity, { order: { seq: "DESC" }, take: 1, select: { seq: true, hash: true } });
    return { seq: Number(row[0]?.seq ?? 0), hash: row[0]?.hash ?? "" };
  });
  log(`Wrote ${agencies.length} agencies and ${agencies.length * ROLES.length} users.`);

  const contentRng = rng.fork(4);
  const timeRng = rng.fork(5);
  const carry = new Map<number, CarryState>();
  const previous = new Map<number, ReportContent>();
  const reports: GeneratedReportInfo[] = [];
  let publishedLate = 0;
  let appended = 0;
  for (const [yearIndex, year] of years.entries()) {
    const format = formatOfYear(year);
    const built: BuiltReport[] = [];
    for (const [index, agency] of agencies.entries()) {
      const slot = yearIndex * agencies.length + index;
      const { plan, broken } = plans[slot];
      const content = generateContent(format, year, agency, carry.get(index), contentRng, broken);
      carry.set(index, content.carry);
      const report = buildReport({
        agency,
        year,
        format,
        content,
        previous: previous.get(index),
        plan,
        padding: padding.perReport[slot],
        window: windows.get(year)!,
        rng: timeRng,
      });
      previous.set(index, { format, year, cells: content.cells, sections: content.sections });
      built.push(report);
      if (report.late) publishedLate++;
    }
    const ids = await writeReports(db, built);
    built.forEach((report, index) => {
      reports.push({ id: ids[index], agencyId: report.agency.id, year, state: report.state, broken: report.broken });
    });
    const drafts = built
      .flatMap((report, index) => report.audit.map(record => ({ ...record, reportId: ids[index] })))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    for (let start = 0; start < drafts.length; start += AUDIT_PER_TRANSACTION) {
      const batch = drafts.slice(start, start + AUDIT_PER_TRANSACTION);
      head = await db.transaction(m => appendAuditBatch(m, batch));
      appended += batch.length;
    }
    log(`${year} (${format.id}): ${built.length} reports, ${drafts.length} audit records; chain head ${head.seq}.`);
  }
  const byState: Record<string, number> = {};
  for (const report of reports) byState[report.state] = (byState[report.state] ?? 0) + 1;
  return {
    prefix,
    topAgencyCode: `${prefix}-p`,
    agencies: agencies.length,
    users: agencies.length * ROLES.length,
    reports,
    byState,
    publishedLate,
    auditAppended: appended + agencies.length * (1 + ROLES.length),
    auditTotal: head.seq,
    head,
    seconds: (Date.now() - started) / 1000,
  };
}

function checkOptions(options: GenerateOptions, now: number): void {
  const thisYear = new Date(now).getUTCFullYear();
  if (!Number.isInteger(options.agencies) || options.agencies < 1) throw new Error("--agencies must be a whole number ≥ 1.");
  if (!Number.isInteger(options.fromYear) || !Number.isInteger(options.toYear) || options.fromYear > options.toYear) {
    throw new Error("--years must be A-B with A ≤ B, e.g. 2020-2024.");
  }
  if (options.fromYear < FIRST_REPORT_YEAR || options.toYear > thisYear) {
    throw new Error(`--years must lie within ${FIRST_REPORT_YEAR}–${thisYear} (reports exist from the first national format up to this year).`);
  }
  const share = options.brokenShare ?? 0.03;
  if (!(share >= 0 && share <= 1)) throw new Error("--broken-share must be between 0 and 1.");
}

function formatOfYear(year: number): Format {
  return formatForYear(year)!;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

interface Window {
  start: number;
  end: number;
}

/**
 * When each year's reports are worked on: from 1 December to the next 30
 * September (late publications and corrections included); never after `now`.
 * Windows do not overlap, so the audit trail's times rise with its sequence.
 */
function yearWindows(years: number[], now: number): Map<number, Window> {
  const out = new Map<number, Window>();
  let floor = -Infinity;
  for (const year of years) {
    const end = Math.min(Date.UTC(year + 1, 8, 30), now - 3_600_000);
    const start = Math.max(Math.min(Date.UTC(year, 11, 1), end - 45 * DAY), floor + DAY);
    out.set(year, { start: Math.min(start, end - DAY), end });
    floor = end;
  }
  return out;
}

function chooseBroken(total: number, share: number, rng: Rng): Set<number> {
  const count = Math.min(total, Math.round(total * share));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(0, total - 1));
  return chosen;
}

function padPerReport(padding: number, reports: number, rng: Rng): { perReport: number[]; sum: number } {
  const base = Math.floor(padding / reports);
  const perReport = Array.from({ length: reports }, () => base);
  let rest = padding - base * reports;
  while (rest > 0) {
    const slot = rng.int(0, reports - 1);
    if (perReport[slot] === base) {
      perReport[slot]++;
      rest--;
    }
  }
  return { perReport, sum: padding };
}

/** Records of the first fill: one cells.set per table group (二, 三, 四) and one per text section. */
function fillRecordCount(format: Format): number {
  return CELL_GROUPS.length + textSections(format).length;
}

const CELL_GROUPS: ReadonlyArray<(tableId: string) => boolean> = [
  tableId => tableId.startsWith("active."),
  tableId => tableId === "apply",
  tableId => tableId === "review",
];

async function writeAgencies(db: Services["db"], planned: PlannedAgency[], at: number, rng: Rng): Promise<AgencyRecord[]> {
  const createdAt = new Date(at);
  const ids = new Array<number>(planned.length);
  const maxDepth = Math.max(...planned.map(a => a.depth));
  for (let depth = 0; depth <= maxDepth; depth++) {
    const level = planned.map((agency, index) => ({ agency, index })).filter(({ agency }) => agency.depth === depth);
    for (let start = 0; start < level.length; start += 2_000) {
      const chunk = level.slice(start, start + 2_000);
      await db.transaction(async m => {
        await insertRows(
          m,
          AgencyEntity,
          ["code", "name", "kind", "level", "parent_id", "created_at"],
          chunk.map(({ agency }) => {
            const { kind, level } = agencyClassOf(agency);
            return [agency.code, agency.name, kind, level, agency.parent === null ? null : ids[agency.parent], createdAt];
          }),
        );
        const rows = await selectIn<{ id: number | string; code: string }>(m, chunk.map(({ agency }) => agency.code), list => `SELECT "id", "code" FROM "agency" WHERE "code" IN (${list})`);
        const byCode = new Map(rows.map(row => [row.code, Number(row.id)]));
        for (const { agency, index } of chunk) ids[index] = byCode.get(agency.code)!;
      });
    }
  }
  const userRows = planned.flatMap((agency, index) => ROLES.map(role => [demoUserName(agency.code, role), ids[index], role, true, createdAt]));
  const userIds = new Map<string, number>();
  for (let start = 0; start < userRows.length; start += 3_000) {
    const chunk = userRows.slice(start, start + 3_000);
    await db.transaction(async m => {
      await insertRows(m, UserEntity, ["name", "agency_id", "roles", "active", "created_at"], chunk);
      const rows = await selectIn<{ id: number | string; name: string }>(m, chunk.map(row => row[0]), list => `SELECT "id", "name" FROM "app_user" WHERE "name" IN (${list})`);
      for (const row of rows) userIds.set(row.name, Number(row.id));
    });
  }
  const agencies: AgencyRecord[] = planned.map((agency, index) => ({
    ...agency,
    id: ids[index],
    users: Object.fromEntries(ROLES.map(role => [role, { id: userIds.get(demoUserName(agency.code, role))!, name: demoUserName(agency.code, role) }])) as AgencyRecord["users"],
    address: `10.${rng.int(1, 254)}.${rng.int(0, 254)}.${rng.int(1, 254)}`,
  }));
  // The setup's audit records: each agency, then its users, as the CLI created them.
  const times = spread(agencies.length * (1 + ROLES.length), at, at + DAY / 3, rng);
  const drafts: AuditDraft[] = [];
  const cli = { actorKind: "cli", actorId: null, actorName: "cli", actorRoles: null, requestId: null, clientAddress: null, reportId: null };
  for (const agency of agencies) {
    const parentCode = agency.parent === null ? null : planned[agency.parent].code;
    drafts.push({ ...cli, at: iso(times[drafts.length]), agencyId: agency.id, action: "agency.create", diff: { code: agency.code, name: agency.name, parentCode, ...agencyClassOf(agency) } });
    for (const role of ROLES) {
      const user = agency.users[role];
      drafts.push({ ...cli, at: iso(times[drafts.length]), agencyId: agency.id, action: "user.create", diff: { name: user.name, roles: role, userId: user.id } });
    }
  }
  for (let start = 0; start < drafts.length; start += AUDIT_PER_TRANSACTION) {
    await db.transaction(m => appendAuditBatch(m, drafts.slice(start, start + AUDIT_PER_TRANSACTION)));
  }
  return agencies;
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

interface BuildInput {
  agency: AgencyRecord;
  year: number;
  format: Format;
  content: GeneratedContent;
  previous: ReportContent | undefined;
  plan: ReportPlan;
  padding: number;
  window: Window;
  rng: Rng;
}

interface BuiltReport {
  agency: AgencyRecord;
  year: number;
  format: Format;
  title: string;
  state: string;
  version: number;
  snapshot: PersistedWorkflow;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
  late: boolean;
  broken: BreakKind | null;
  cells: Record<string, string | null>;
  sections: Record<string, string>;
  workflowEvents: Array<[number, string, string, string, string, string | null, string, number, Date]>;
  revisions: Array<[number, string, string, string, number, string | null, Date]>;
  audit: Array<Omit<AuditDraft, "reportId">>;
}

type Action =
  | { kind: "create" }
  | { kind: "cells"; cells: Array<{ key: string; after: string | null }> }
  | { kind: "section"; sectionId: string; after: string }
  | { kind: "step"; step: PathStep };

const STEP_EVENT: Record<Exclude<PathStep, "FIX_PROBLEMS" | "FIX_OTHER">, { type: WorkflowEventType; role: Role }> = {
  SUBMIT: { type: "SUBMIT", role: "DRAFTER" },
  WITHDRAW: { type: "WITHDRAW", role: "DRAFTER" },
  CLEAR_SECRECY: { type: "CLEAR_SECRECY", role: "SECRECY_REVIEWER" },
  SIGN_OFF: { type: "SIGN_OFF", role: "LEADER" },
  REJECT_SECRECY: { type: "REJECT", role: "SECRECY_REVIEWER" },
  REJECT_LEADER: { type: "REJECT", role: "LEADER" },
  PUBLISH: { type: "PUBLISH", role: "PUBLISHER" },
  CORRECT: { type: "CORRECT", role: "DRAFTER" },
};

/**
 * One report's whole life: creation, the first fill, the draft edits (padding:
 * a mistyped cell and its correction, a note added and removed), the workflow
 * path through the real machine (applyEvent, so every snapshot is one the
 * service would have written), its revisions and its audit records.
 */
function buildReport(input: BuildInput): BuiltReport {
  const { agency, year, format, content, rng } = input;
  const title = `${agency.name}${year}年政府信息公开工作年度报告`;
  const actions = reportActions(input);
  const times = reportTimes(actions, input);
  const drafter = agency.users.DRAFTER;
  const errorCount = validateReport({ format, year, cells: content.cells, sections: content.sections }, input.previous).filter(
    v => v.severity === "ERROR",
  ).length;
  if ((errorCount > 0) !== (content.broken !== null)) {
    throw new Error(`generator: ${title} has ${errorCount} validation errors but broken = ${content.broken}`);
  }
  const cells: Record<string, string | null> = Object.fromEntries(format.cellKeys.map(key => [key, null]));
  const sections: Record<string, string> = {};
  let version = 0;
  let persisted = startWorkflow();
  let publishedAt: number | null = null;
  const built: BuiltReport = {
    agency,
    year,
    format,
    title,
    state: "draft",
    version: 0,
    snapshot: persisted,
    createdAt: times[0],
    updatedAt: times[times.length - 1],
    publishedAt: null,
    late: false,
    broken: content.broken,
    cells: content.cells,
    sections: content.sections,
    workflowEvents: [],
    revisions: [],
    audit: [],
  };
  const record = (at: number, actor: { id: number; name: string }, role: Role, action: string, diff: Record<string, unknown>) => {
    built.audit.push({
      at: iso(at),
      actorKind: "user",
      actorId: actor.id,
      actorName: actor.name,
      actorRoles: role,
      agencyId: agency.id,
      action,
      diff,
      requestId: uuid(rng),
      clientAddress: agency.address,
    });
  };
  let canonical: { key: string; text: string; hash: string } | null = null;
  const currentContent = () => {
    const key = JSON.stringify(sections);
    if (canonical?.key !== key) {
      const text = canonicalContent(title, { format, year, cells, sections });
      canonical = { key, text, hash: createHash("sha256").update(text, "utf8").digest("hex") };
    }
    return canonical;
  };
  actions.forEach((action, index) => {
    const at = times[index];
    switch (action.kind) {
      case "create":
        version = 1;
        record(at, drafter, "DRAFTER", "report.create", { year, format: format.id, title });
        return;
      case "cells": {
        const changes = action.cells.map(({ key, after }) => ({ key, before: cells[key], after }));
        for (const { key, after } of action.cells) cells[key] = after;
        version++;
        record(at, drafter, "DRAFTER", "report.cells.set", { version, cells: changes });
        return;
      }
      case "section": {
        const before = sections[action.sectionId] ?? null;
        sections[action.sectionId] = action.after;
        version++;
        record(at, drafter, "DRAFTER", "report.section.update", { version, sectionId: action.sectionId, before, after: action.after });
        return;
      }
      case "step": {
        const { type, role } = STEP_EVENT[action.step as keyof typeof STEP_EVENT];
        const user = agency.users[role];
        const reason =
          action.step === "REJECT_SECRECY" || action.step === "REJECT_LEADER"
            ? rng.pick(REJECT_REASONS[action.step])
            : action.step === "CORRECT"
              ? rng.pick(CORRECTION_REASONS)
              : null;
        const now = currentContent();
        const result = applyEvent(persisted, {
          type,
          actor: { userId: String(user.id), roles: [role] },
          facts: { errorCount, emptySections: [], editorIds: [String(drafter.id)], submitterIds: [], secrecyReviewerIds: [], contentHash: now.hash },
          reason: reason ?? undefined,
          at: iso(at),
        });
        if (!result.ok) {
          throw new Error(`generator: ${title}: ${type} refused: ${result.reasons.map(r => r.message).join("; ")}`);
        }
        const fromState = persisted.snapshot.value;
        persisted = result.snapshot;
        version++;
        built.workflowEvents.push([user.id, role, type, fromState, result.state, reason, now.hash, version, new Date(at)]);
        record(at, user, role, `report.workflow.${type.toLowerCase()}`, {
          state: { before: fromState, after: result.state },
          version: { before: version - 1, after: version },
          reason,
          contentHash: now.hash,
        });
        const kind = revisionKindOf(type);
        if (kind) {
          const context = result.snapshot.snapshot.context;
          built.revisions.push([context.revision, kind, now.text, now.hash, user.id, kind === "published" ? context.correctionReason : null, new Date(at)]);
        }
        if (type === "PUBLISH" && publishedAt === null) publishedAt = at;
        return;
      }
    }
  });
  for (const key of format.cellKeys) {
    if (cells[key] !== content.cells[key]) throw new Error(`generator: ${title}: ${key} ends as ${cells[key]}, planned ${content.cells[key]}`);
  }
  for (const [id, body] of Object.entries(content.sections)) {
    if (sections[id] !== body) throw new Error(`generator: ${title}: section ${id} does not end as planned`);
  }
  Object.assign(built, {
    state: persisted.snapshot.value,
    version,
    snapshot: persisted,
    publishedAt,
    late: publishedAt !== null && publishedAt > Date.UTC(year + 1, 0, 31, 16),
  });
  return built;
}

/** The report's actions in order: create, first fill, padding edits, then the workflow path. */
function reportActions(input: BuildInput): Action[] {
  const { format, content, plan, rng } = input;
  const fixes = new Set<string>();
  if (plan.path.includes("FIX_PROBLEMS")) fixes.add("sec.problems");
  if (plan.path.includes("FIX_OTHER")) fixes.add("sec.other");
  const odd = input.padding % 2 === 1;
  const firstText = (id: string) => {
    if (fixes.has(id)) return content.earlierSections[id];
    // An odd padding count: 一 is written in two goes, its first sentences first.
    if (odd && id === "sec.overview") return content.sections[id].slice(0, content.sections[id].indexOf("。") + 1);
    return content.sections[id];
  };
  const actions: Action[] = [{ kind: "create" }];
  const texts = textSections(format).map(section => section.id);
  const groups = CELL_GROUPS.map(inGroup =>
    format.cellKeys.filter(key => inGroup(key.split("/")[0]) && content.cells[key] !== null).map(key => ({ key, after: content.cells[key] })),
  );
  actions.push({ kind: "section", sectionId: texts[0], after: firstText(texts[0]) });
  for (const cells of groups) actions.push({ kind: "cells", cells });
  for (const id of texts.slice(1)) actions.push({ kind: "section", sectionId: id, after: firstText(id) });
  const typoKeys = format.cellKeys.filter(key => format.cells.get(key)!.dtype === "int" && content.cells[key] !== null);
  const current = new Map(texts.map(id => [id, firstText(id)]));
  for (let pair = 0; pair < Math.floor(input.padding / 2); pair++) {
    if (rng.chance(0.8)) {
      const key = rng.pick(typoKeys);
      const value = Number(content.cells[key]);
      // A digit typed twice, or a slip of one or two.
      const typo = String(rng.chance(0.5) ? value * 10 + (value % 10) : value + rng.pick([1, 2]));
      actions.push({ kind: "cells", cells: [{ key, after: typo }] });
      actions.push({ kind: "cells", cells: [{ key, after: content.cells[key] }] });
    } else {
      const id = rng.pick(texts);
      const text = current.get(id)!;
      actions.push({ kind: "section", sectionId: id, after: `${text}（此处数据待核实）` });
      actions.push({ kind: "section", sectionId: id, after: text });
    }
  }
  if (odd) actions.push({ kind: "section", sectionId: "sec.overview", after: content.sections["sec.overview"] });
  for (const step of plan.path) {
    if (step === "FIX_PROBLEMS") actions.push({ kind: "section", sectionId: "sec.problems", after: content.sections["sec.problems"] });
    else if (step === "FIX_OTHER") actions.push({ kind: "section", sectionId: "sec.other", after: content.sections["sec.other"] });
    else actions.push({ kind: "step", step });
  }
  return actions;
}

/**
 * When each action happened. A published report's first publication falls on
 * a chosen day (by the agency's 第四十九条 deadline, or later for a late one); a correction comes
 * weeks after; other reports are worked on for a few weeks from December on.
 */
function reportTimes(actions: Action[], input: BuildInput): number[] {
  const { year, plan, window, rng } = input;
  const publishAt = actions.findIndex(action => action.kind === "step" && action.step === "PUBLISH");
  const between = (from: number, to: number) => from + rng.next() * Math.max(0, to - from);
  const clamp = (t: number) => Math.min(Math.max(t, window.start), window.end);
  if (publishAt >= 0) {
    // The deadline is the agency's own (条例 第四十九条: departments 31 January, governments 31 March).
    const deadline = deadlineInstant(year, agencyClassOf(input.agency)).getTime();
    const due = deadline - 16 * 3_600_000;
    const target = clamp(plan.late ? between(deadline + DAY, deadline + 120 * DAY) : between(due - 21 * DAY, due));
    const publishTime = officeHours(target);
    const start = clamp(Math.max(window.start, publishTime - between(15, 50) * DAY));
    const first = [...spread(publishAt, start, publishTime - 3_600_000, rng), publishTime];
    const rest = actions.length - publishAt - 1;
    if (rest === 0) return monotone(first);
    const from = Math.min(publishTime + 20 * DAY, window.end - DAY);
    return monotone([...first, ...spread(rest, Math.max(from, publishTime + 1000), Math.min(window.end, from + 120 * DAY), rng)]);
  }
  const start = between(window.start, Math.max(window.start, Math.min(window.end - 2 * DAY, window.start + 50 * DAY)));
  return monotone(spread(actions.length, start, Math.min(window.end, start + between(5, 60) * DAY), rng));
}

function monotone(times: number[]): number[] {
  for (let i = 1; i < times.length; i++) if (times[i] <= times[i - 1]) times[i] = times[i - 1] + 1000;
  return times;
}

function uuid(rng: Rng): string {
  const hex = rng.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[parseInt(hex[16], 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Writes the reports and their rows; returns their ids in order. */
async function writeReports(db: Services["db"], built: BuiltReport[]): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < built.length; start += REPORTS_PER_TRANSACTION) {
    const chunk = built.slice(start, start + REPORTS_PER_TRANSACTION);
    await db.transaction(async m => {
      await insertRows(
        m,
        ReportEntity,
        ["agency_id", "year", "format_id", "title", "state", "version", "workflow_snapshot", "last_editor_id", "published_at", "created_at", "updated_at"],
        chunk.map(r => [
          r.agency.id,
          r.year,
          r.format.id,
          r.title,
          r.state,
          r.version,
          JSON.stringify(r.snapshot),
          r.agency.users.DRAFTER.id,
          r.publishedAt === null ? null : new Date(r.publishedAt),
          new Date(r.createdAt),
          new Date(r.updatedAt),
        ]),
      );
      const year = chunk[0].year;
      const rows = await selectIn<{ id: number | string; agency_id: number | string }>(
        m,
        chunk.map(r => r.agency.id),
        list => `SELECT "id", "agency_id" FROM "report" WHERE "year" = ${placeholder(m, 1)} AND "agency_id" IN (${list})`,
        [year],
      );
      const byAgency = new Map(rows.map(row => [Number(row.agency_id), Number(row.id)]));
      const chunkIds = chunk.map(r => byAgency.get(r.agency.id)!);
      ids.push(...chunkIds);
      await writeContents(m, chunk, chunkIds);
      // Note: rows written directly bypass the services, so the statistics summary is brought up to date here.
      await addStoredReports(m, chunkIds);
    });
  }
  return ids;
}

async function writeContents(m: EntityManager, chunk: BuiltReport[], ids: number[]): Promise<void> {
  const cells: unknown[][] = [];
  const sections: unknown[][] = [];
  const events: unknown[][] = [];
  const revisions: unknown[][] = [];
  chunk.forEach((report, index) => {
    const id = ids[index];
    for (const key of report.format.cellKeys) {
      const value = report.cells[key];
      if (value === null) continue;
      const def = report.format.cells.get(key)!;
      cells.push([id, def.table.id, def.row.id, def.column.id, toStoredValue(def, value)]);
    }
    for (const [sectionId, body] of Object.entries(report.sections)) sections.push([id, sectionId, body]);
    for (const event of report.workflowEvents) events.push([id, ...event]);
    for (const revision of report.revisions) revisions.push([id, ...revision]);
  });
  await insertRows(m, ReportCellEntity, ["report_id", "table_id", "row_id", "col_id", "value"], cells);
  await insertRows(m, ReportSectionEntity, ["report_id", "section_id", "body"], sections);
  await insertRows(
    m,
    WorkflowEventEntity,
    ["report_id", "actor_id", "actor_role", "event", "from_state", "to_state", "reason", "content_hash", "version", "created_at"],
    events,
  );
  await insertRows(
    m,
    ReportRevisionEntity,
    ["report_id", "revision", "kind", "content", "content_hash", "created_by", "correction_reason", "created_at"],
    revisions,
  );
}
