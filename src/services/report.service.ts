import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import { countReport } from "../db/statistics-summary";
import { AgencyEntity, ReportEntity, ReportSectionEntity } from "../entities";
import { FIRST_REPORT_YEAR, formatForYear, textSections } from "../formats";
import type { Format } from "../formats";
import { startWorkflow } from "../workflow";
import { assertRole, requireSignedIn } from "./access";
import type { Actor } from "./actor";
import { checkCellInputs } from "./cell-input";
import type { CellInput } from "./cell-input";
import { checkChannels, writeChannels } from "./channels";
import type { ChannelCount } from "./channels";
import { changeDraft } from "./draft-change";
import type { ReportEdit } from "./draft-change";
import { DomainError, UserErrorCode, problem } from "./errors";
import { LIMITS } from "./limits";
import { formatOf, loadContents, writeCells, writeSection } from "./report-store";
import { asDuplicate } from "./unique-violation";

export type { ReportEdit };

export interface ReportCreateInput {
  agencyId: number;
  year: number;
  title?: string | null;
  /** Only an import may choose the template a document actually uses; otherwise the year decides. */
  format?: Format;
  /**
   * Only an import of a past report: the creator's role is checked by the machine's RECORD_PUBLISHED in the
   * same transaction (PUBLISHER or ADMIN), instead of DRAFTER here; its refusal rolls the creation back.
   */
  roleDecidedByWorkflow?: boolean;
}

export interface SectionUpdateInput {
  reportId: number;
  sectionId: string;
  body: string;
  expectedVersion?: number | null;
}

export interface CellsSetInput {
  reportId: number;
  cells: CellInput[];
  expectedVersion?: number | null;
}

export interface ChannelsSetInput {
  reportId: number;
  /** The whole list, in the order to show; an empty list removes the chart. */
  channels: ChannelCount[];
  expectedVersion?: number | null;
}

/** A real section runs to a few thousand characters; this leaves ample room and stops abuse. */
export const MAX_SECTION_LENGTH = LIMITS.sectionLength;

export class ReportService {
  constructor(private readonly db: Database) {}

  create(actor: Actor, input: ReportCreateInput): Promise<ReportEntity> {
    return this.db.transaction(manager => createReportAudited(manager, actor, input)).catch(asDuplicate);
  }

  updateSection(actor: Actor, input: SectionUpdateInput): Promise<ReportEdit> {
    return this.db.transaction(manager => updateSectionIn(manager, actor, input), retryUnlessVersioned(input));
  }

  /** Sets many cells at once: all of them, or — on any problem — none. */
  setCells(actor: Actor, input: CellsSetInput): Promise<ReportEdit> {
    return this.db.transaction(manager => setCellsIn(manager, actor, input), retryUnlessVersioned(input));
  }

  /** Replaces the channel chart of section 一 (label → count): all of it, or on any problem nothing. */
  setChannels(actor: Actor, input: ChannelsSetInput): Promise<ReportEdit> {
    return this.db.transaction(manager => setChannelsIn(manager, actor, input), retryUnlessVersioned(input));
  }

  findById(id: number): Promise<ReportEntity | null> {
    return this.db.read(manager => manager.findOneBy(ReportEntity, { id }));
  }
}

/** A change sent without expectedVersion asked for no version check: if the database aborted it, run it again. */
function retryUnlessVersioned(input: { expectedVersion?: number | null }) {
  return { retryAborted: input.expectedVersion === null || input.expectedVersion === undefined };
}

export async function createReport(manager: EntityManager, actor: Actor, input: ReportCreateInput) {
  requireSignedIn(actor);
  const format = input.format ?? formatForYearOrFail(input.year);
  const agency = await manager.findOneBy(AgencyEntity, { id: input.agencyId });
  if (!agency) {
    throw problem(UserErrorCode.NOT_FOUND, "No agency has this id; create the agency first.", ["input", "agencyId"]);
  }
  if (!input.roleDecidedByWorkflow) assertRole(actor, agency.id, "DRAFTER", "create its reports");
  if (await manager.existsBy(ReportEntity, { agencyId: agency.id, year: input.year })) {
    throw problem(
      UserErrorCode.DUPLICATE,
      `${agency.name} already has a report for ${input.year}; edit that report instead (one report per agency and year).`,
      ["input", "year"],
    );
  }
  const title = input.title?.trim() || `${agency.name}${input.year}年政府信息公开工作年度报告`;
  if (title.length > 300) {
    throw problem(UserErrorCode.TOO_LONG, "The title must be at most 300 characters.", ["input", "title"]);
  }
  const report = manager.create(ReportEntity, {
    agencyId: agency.id,
    year: input.year,
    formatId: format.id,
    title,
    state: "draft",
    workflowSnapshot: JSON.stringify(startWorkflow()),
    lastEditorId: actor.kind === "user" ? actor.userId : null,
  });
  const saved = await manager.save(report);
  await countReport(manager, saved, 1);
  return saved;
}

/** Creates a report and records it in the audit trail. */
export async function createReportAudited(manager: EntityManager, actor: Actor, input: ReportCreateInput) {
  const report = await createReport(manager, actor, input);
  await appendAudit(manager, actor, {
    action: "report.create",
    agencyId: report.agencyId,
    reportId: report.id,
    diff: { year: report.year, format: report.formatId, title: report.title },
  });
  return report;
}

export function setCellsIn(manager: EntityManager, actor: Actor, input: CellsSetInput): Promise<ReportEdit> {
  return changeDraft(manager, actor, input, async report => {
    const { cells, problems } = checkCellInputs(formatOf(report), input.cells);
    if (problems.length) {
      throw new DomainError(problems);
    }
    const before = (await loadContents(manager, [report])).get(report.id)!.cells;
    const changed = cells.filter(({ cell, value }) => before[cell.key] !== value);
    if (!changed.length) {
      return null;
    }
    return {
      action: "report.cells.set",
      diff: { cells: changed.map(({ cell, value }) => ({ key: cell.key, before: before[cell.key], after: value })) },
      write: () => writeCells(manager, report.id, changed),
    };
  });
}

export function setChannelsIn(manager: EntityManager, actor: Actor, input: ChannelsSetInput): Promise<ReportEdit> {
  return changeDraft(manager, actor, input, async report => {
    const { channels, problems } = checkChannels(input.channels);
    if (problems.length) {
      throw new DomainError(problems);
    }
    const before = (await loadContents(manager, [report])).get(report.id)!.channels ?? [];
    if (JSON.stringify(before) === JSON.stringify(channels)) {
      return null;
    }
    return { action: "report.channels.set", diff: { before, after: channels }, write: () => writeChannels(manager, report.id, channels) };
  });
}

export function updateSectionIn(manager: EntityManager, actor: Actor, input: SectionUpdateInput): Promise<ReportEdit> {
  return changeDraft(manager, actor, input, async report => {
    checkSection(formatOf(report), input.sectionId, input.body);
    const before = (await manager.findOneBy(ReportSectionEntity, { reportId: report.id, sectionId: input.sectionId }))?.body ?? null;
    if (before === input.body || (before === null && input.body === "")) {
      return null;
    }
    return {
      action: "report.section.update",
      diff: { sectionId: input.sectionId, before, after: input.body },
      write: () => writeSection(manager, report.id, input.sectionId, input.body),
    };
  });
}

/** The format for a report year, or a problem saying which years are accepted. */
export function formatForYearOrFail(year: number): Format {
  const thisYear = new Date().getUTCFullYear();
  const format = Number.isInteger(year) ? formatForYear(year) : undefined;
  if (!format || year > thisYear) {
    throw problem(
      UserErrorCode.INVALID_INPUT,
      `Year ${year} is out of range: reports exist from ${FIRST_REPORT_YEAR} (the first national format) up to ${thisYear}.`,
      ["input", "year"],
    );
  }
  return format;
}

export function checkSection(format: Format, sectionId: string, body: string): void {
  const section = textSections(format).find(candidate => candidate.id === sectionId);
  if (!section) {
    const ids = textSections(format)
      .map(candidate => candidate.id)
      .join(", ");
    throw problem(UserErrorCode.INVALID_INPUT, `Section ${sectionId} is not a text section of ${format.id}; use one of ${ids}.`, ["input", "sectionId"]);
  }
  if (body.length > MAX_SECTION_LENGTH) {
    throw problem(
      UserErrorCode.TOO_LONG,
      `Section “${section.no}、${section.title}” is ${body.length} characters; the limit is ${MAX_SECTION_LENGTH}. Shorten it or move attachments elsewhere.`,
      ["input", "body"],
    );
  }
}
