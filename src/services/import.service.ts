import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import { AgencyEntity } from "../entities";
import type { ReportEntity } from "../entities";
import { getFormat } from "../formats";
import { ReportParseError, parseReport } from "../import";
import type { ParsedReport } from "../import";
import { requireSignedIn } from "./access";
import type { Actor, UserActor } from "./actor";
import { findOrCreateAgencyByName } from "./agency.service";
import { checkCellInputs } from "./cell-input";
import { checkChannels, writeChannels } from "./channels";
import { DomainError, UserErrorCode, problem } from "./errors";
import { LIMITS } from "./limits";
import { writeCells, writeSection } from "./report-store";
import { checkSection, createReport, formatForYearOrFail } from "./report.service";

export interface ImportInput {
  text: string;
  /** Overrides the agency named in the text; found by name or created. */
  agencyName?: string | null;
  /** Imports into this existing agency instead. */
  agencyCode?: string | null;
  year?: number | null;
}

export interface ImportResult {
  report: ReportEntity;
  parsed: ParsedReport;
}

/** A published report's text runs to a few thousand characters; anything this large is not one. */
export const MAX_IMPORT_LENGTH = LIMITS.textLength;

export class ImportService {
  constructor(private readonly db: Database) {}

  /** Reads a published report's text into a new draft report: everything, or nothing. */
  importText(actor: Actor, input: ImportInput): Promise<ImportResult> {
    requireSignedIn(actor);
    const parsed = parseOrFail(input);
    return this.db.transaction(async manager => ({ report: await importParsed(manager, actor, input, parsed), parsed }));
  }
}

/** Writes a parsed report as a new draft inside the caller's transaction. */
export async function importParsed(manager: EntityManager, actor: Actor, input: ImportInput, parsed: ParsedReport) {
  const agency = await agencyFor(manager, actor, input, parsed);
  formatForYearOrFail(parsed.year);
  const format = getFormat(parsed.format);
  const report = await createReport(manager, actor, { agencyId: agency.id, year: parsed.year, format });
  const inputs = Object.entries(parsed.cells).map(([key, value]) => ({ key, value }));
  const { cells, problems } = checkCellInputs(format, inputs);
  if (problems.length) {
    throw new DomainError(problems);
  }
  await writeCells(manager, report.id, cells);
  for (const [sectionId, body] of Object.entries(parsed.sections)) {
    checkSection(format, sectionId, body);
    await writeSection(manager, report.id, sectionId, body);
  }
  // Note: the chart is optional; one the reader cannot take as it is is left out with a warning, not fatal.
  const channels = checkChannels(parsed.extras.channelDistribution ?? []);
  if (channels.problems.length) {
    parsed.warnings.push(`渠道分布图未导入：${channels.problems.map(p => p.message).join("; ")} (channel chart skipped)`);
    channels.channels = [];
  }
  await writeChannels(manager, report.id, channels.channels);
  await appendAudit(manager, actor, {
    action: "report.import",
    agencyId: agency.id,
    reportId: report.id,
    diff: {
      source: { sha256: createHash("sha256").update(input.text, "utf8").digest("hex"), characters: input.text.length },
      year: report.year,
      format: format.id,
      title: report.title,
      cells: Object.fromEntries(cells.map(({ cell, value }) => [cell.key, value])),
      sections: Object.fromEntries(Object.entries(parsed.sections).map(([id, body]) => [id, { characters: body.length }])),
      warnings: parsed.warnings,
      ...(channels.channels.length ? { channels: channels.channels } : {}),
    },
  });
  return report;
}

/** Parses without touching the database; unreadable input becomes a user error. */
export function parseOrFail(input: Pick<ImportInput, "text" | "agencyName" | "year">): ParsedReport {
  if (input.text.length > MAX_IMPORT_LENGTH) {
    throw problem(UserErrorCode.TOO_LONG, `The text is ${input.text.length} characters; a report is far shorter (limit ${MAX_IMPORT_LENGTH}).`, ["input", "text"]);
  }
  try {
    return parseReport(input.text, { agency: input.agencyName ?? undefined, year: input.year ?? undefined });
  } catch (error) {
    if (error instanceof ReportParseError) {
      throw problem(UserErrorCode.UNREADABLE_INPUT, error.message, ["input", "text"]);
    }
    throw error;
  }
}

async function agencyFor(manager: EntityManager, actor: Actor, input: ImportInput, parsed: ParsedReport) {
  if (input.agencyCode) {
    const agency = await manager.findOneBy(AgencyEntity, { code: input.agencyCode });
    if (!agency) {
      throw problem(UserErrorCode.NOT_FOUND, `No agency has code "${input.agencyCode}"; create it or import by name.`, ["input", "agencyCode"]);
    }
    return agency;
  }
  if (actor.kind === "user") {
    // Note: a signed-in user imports into an existing agency they may import for; only the CLI creates agencies by name.
    return input.agencyName?.trim() ? namedAgencyFor(manager, actor, input.agencyName.trim()) : (await manager.findOneBy(AgencyEntity, { id: actor.agencyId }))!;
  }
  requireSignedIn(actor);
  if (!parsed.agency.trim()) {
    throw problem(UserErrorCode.UNREADABLE_INPUT, "The text does not name its agency; give the agency name or code.", ["input", "agencyName"]);
  }
  return findOrCreateAgencyByName(manager, actor, parsed.agency);
}

/**
 * agencyName from a signed-in user is honoured, never ignored: it must name an existing agency for which the user
 * may import (hold DRAFTER there, the same rule as creating its report); otherwise the import is refused.
 */
async function namedAgencyFor(manager: EntityManager, actor: UserActor, name: string): Promise<AgencyEntity> {
  const named = await manager.findBy(AgencyEntity, { name });
  const agency = named.find(candidate => candidate.id === actor.agencyId) ?? named[0];
  if (!agency) {
    throw problem(
      UserErrorCode.NOT_FOUND,
      `No agency is named “${name.slice(0, 100)}”; give the exact name of an existing agency, or leave agencyName empty to import into your own.`,
      ["input", "agencyName"],
    );
  }
  if (agency.id !== actor.agencyId || !actor.roles.includes("DRAFTER")) {
    throw problem(
      UserErrorCode.FORBIDDEN,
      `You may not import reports for ${agency.name}: only a DRAFTER of that agency may; leave agencyName empty to import into your own agency.`,
      ["input", "agencyName"],
    );
  }
  return agency;
}
