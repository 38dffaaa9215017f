import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import { AgencyEntity, ReportEntity } from "../entities";
import { getFormat } from "../formats";
import { ReportParseError, parseReport, readDocument } from "../import";
import type { ParsedReport } from "../import";
import { requireSignedIn } from "./access";
import type { Actor, UserActor } from "./actor";
import { findOrCreateAgencyByName } from "./agency.service";
import { checkCellInputs } from "./cell-input";
import { checkChannels, writeChannels } from "./channels";
import { ContentCache } from "./content-cache";
import { DomainError, UserErrorCode, problem } from "./errors";
import { LIMITS } from "./limits";
import { priorPublication } from "./prior-publication";
import type { PublicationInput } from "./prior-publication";
import { writeCells, writeSection } from "./report-store";
import { checkSection, createReport, formatForYearOrFail } from "./report.service";
import { asDuplicate } from "./unique-violation";
import { stepIn } from "./workflow.service";

export interface ImportInput {
  text: string;
  /** The file the text was read from: recorded in the audit trail (its name, kind and SHA-256). */
  file?: ImportedFile;
  /** Overrides the agency named in the text; found by name or created. */
  agencyName?: string | null;
  /** Imports into this existing agency instead. */
  agencyCode?: string | null;
  /** The code (public URL part) of the agency when the import creates it by name; else one is derived from the name. */
  newAgencyCode?: string | null;
  year?: number | null;
  /**
   * The report was already published elsewhere (a past report imported for its figures): record it as published
   * on that date (the machine's RECORD_PUBLISHED, by a PUBLISHER or ADMIN of the agency), in the same transaction.
   */
  publication?: PublicationInput | null;
}

export interface ImportResult {
  report: ReportEntity;
  parsed: ParsedReport;
  /** The agency the report went to, and whether this import created it. */
  agency?: { code: string; name: string; created: boolean };
}

export interface ImportedFile {
  name?: string;
  kind: string;
  sha256: string;
  bytes: number;
}

/** A published report's text runs to a few thousand characters; anything this large is not one. */
export const MAX_IMPORT_LENGTH = LIMITS.textLength;

/**
 * A report's PDF or DOCX runs to a few hundred kilobytes (the samples: 23–413 KB);
 * 5 MB leaves more than ten times that, and its base64 (6.7 MB) fits the 8 MB request body.
 */
export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;

export class ImportService {
  constructor(
    private readonly db: Database,
    private readonly cache: ContentCache = new ContentCache(),
  ) {}

  /** Reads a published report's text into a new draft report: everything, or nothing. */
  importText(actor: Actor, input: ImportInput): Promise<ImportResult> {
    requireSignedIn(actor);
    const parsed = parseOrFail(input);
    return this.importParsedInput(actor, input, parsed);
  }

  /** What importing a file would store, for a signed-in user to check first; writes nothing. */
  previewFile(actor: Actor, input: { bytes: Uint8Array; fileName?: string; year?: number | null }) {
    requireSignedIn(actor);
    return parseFileOrFail(input.bytes, { year: input.year }, input.fileName);
  }

  /** Imports what was already parsed (by parseFileOrFail) as a draft: everything, or nothing. */
  importParsedInput(actor: Actor, input: ImportInput, parsed: ParsedReport): Promise<ImportResult> {
    requireSignedIn(actor);
    return this.db
      .transaction(async manager => {
        const { report, agency } = await importInto(manager, actor, input, parsed, this.cache);
        return { report, parsed, agency: { code: agency.code, name: agency.name, created: agency.created === true } };
      })
      .catch(asDuplicate);
  }

  /** Reads a file (PDF, DOCX, HTML or text, told by its content) and imports it as a draft: everything, or nothing. */
  async importFile(actor: Actor, input: Omit<ImportInput, "text" | "file"> & { bytes: Uint8Array; fileName?: string }): Promise<ImportResult> {
    requireSignedIn(actor);
    const { parsed, text, file } = await parseFileOrFail(input.bytes, input, input.fileName);
    return this.importParsedInput(actor, { ...input, text, file }, parsed);
  }
}

/** Reads a file's bytes without touching the database; unreadable input becomes a user error. */
export async function parseFileOrFail(
  bytes: Uint8Array,
  input: Pick<ImportInput, "agencyName" | "year">,
  fileName?: string,
): Promise<{ parsed: ParsedReport; text: string; file: ImportedFile }> {
  if (bytes.length > MAX_IMPORT_FILE_BYTES) {
    throw problem(UserErrorCode.TOO_LONG, `The file is ${bytes.length} bytes; a report's file is far smaller (limit ${MAX_IMPORT_FILE_BYTES}).`, [
      "input",
      "file",
    ]);
  }
  try {
    const parsed = await readDocument(bytes, { agency: input.agencyName ?? undefined, year: input.year ?? undefined });
    const file = { name: fileName, kind: parsed.source.kind, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
    const { source, ...report } = parsed;
    return { parsed: report, text: source.text, file };
  } catch (error) {
    if (error instanceof ReportParseError) {
      throw problem(UserErrorCode.UNREADABLE_INPUT, error.message, ["input", "file"]);
    }
    throw error;
  }
}

/** Writes a parsed report as a new draft inside the caller's transaction. */
export async function importParsed(
  manager: EntityManager,
  actor: Actor,
  input: ImportInput,
  parsed: ParsedReport,
  cache = new ContentCache(),
): Promise<ReportEntity> {
  return (await importInto(manager, actor, input, parsed, cache)).report;
}

async function importInto(manager: EntityManager, actor: Actor, input: ImportInput, parsed: ParsedReport, cache: ContentCache) {
  if (parsed.year === null) {
    throw problem(UserErrorCode.UNREADABLE_INPUT, "The report's year is not in its title or text; give the year (--year, or the year input).", [
      "input",
      "year",
    ]);
  }
  const year = parsed.year;
  const textSha256 = createHash("sha256").update(input.text, "utf8").digest("hex");
  const publication = input.publication
    ? priorPublication(input.publication, year, { name: input.file?.name, sha256: input.file?.sha256 ?? textSha256 })
    : null;
  const agency = await agencyFor(manager, actor, input, parsed, publication !== null);
  formatForYearOrFail(year);
  const format = getFormat(parsed.format);
  // Note: a past report is created and recorded as published in this one transaction; who may do that the
  // machine's RECORD_PUBLISHED decides below (PUBLISHER or ADMIN), and its refusal rolls the creation back.
  const report = await createReport(manager, actor, { agencyId: agency.id, year, format, roleDecidedByWorkflow: publication !== null });
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
      source: { sha256: textSha256, characters: input.text.length, ...(input.file ? { file: input.file } : {}) },
      year: report.year,
      format: format.id,
      title: report.title,
      cells: Object.fromEntries(cells.map(({ cell, value }) => [cell.key, value])),
      sections: Object.fromEntries(Object.entries(parsed.sections).map(([id, body]) => [id, { characters: body.length }])),
      warnings: parsed.warnings,
      ...(channels.channels.length ? { channels: channels.channels } : {}),
    },
  });
  if (publication) {
    const { version } = await manager.findOneByOrFail(ReportEntity, { id: report.id });
    return { report: await stepIn(manager, cache, actor, "RECORD_PUBLISHED", { reportId: report.id, expectedVersion: version, publication }), agency };
  }
  return { report, agency };
}

/** Parses without touching the database; unreadable input becomes a user error. */
export function parseOrFail(input: Pick<ImportInput, "text" | "agencyName" | "year">): ParsedReport {
  if (input.text.length > MAX_IMPORT_LENGTH) {
    throw problem(UserErrorCode.TOO_LONG, `The text is ${input.text.length} characters; a report is far shorter (limit ${MAX_IMPORT_LENGTH}).`, [
      "input",
      "text",
    ]);
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

async function agencyFor(
  manager: EntityManager,
  actor: Actor,
  input: ImportInput,
  parsed: ParsedReport,
  recording: boolean,
): Promise<AgencyEntity & { created?: boolean }> {
  if (input.agencyCode) {
    const agency = await manager.findOneBy(AgencyEntity, { code: input.agencyCode });
    if (!agency) {
      throw problem(UserErrorCode.NOT_FOUND, `No agency has code "${input.agencyCode}"; create it or import by name.`, ["input", "agencyCode"]);
    }
    return agency;
  }
  if (actor.kind === "user") {
    // Note: a signed-in user imports into an existing agency they may import for; only the CLI creates agencies by name.
    return input.agencyName?.trim()
      ? namedAgencyFor(manager, actor, input.agencyName.trim(), recording)
      : (await manager.findOneBy(AgencyEntity, { id: actor.agencyId }))!;
  }
  requireSignedIn(actor);
  if (!parsed.agency.trim()) {
    throw problem(UserErrorCode.UNREADABLE_INPUT, "The text does not name its agency; give the agency name or code.", ["input", "agencyName"]);
  }
  return findOrCreateAgencyByName(manager, actor, parsed.agency, input.newAgencyCode);
}

/**
 * agencyName from a signed-in user is honoured, never ignored: it must name an existing agency for which the user
 * may import (hold DRAFTER there, the same rule as creating its report); otherwise the import is refused.
 */
async function namedAgencyFor(manager: EntityManager, actor: UserActor, name: string, recording: boolean): Promise<AgencyEntity> {
  const named = await manager.findBy(AgencyEntity, { name });
  const agency = named.find(candidate => candidate.id === actor.agencyId) ?? named[0];
  if (!agency) {
    throw problem(
      UserErrorCode.NOT_FOUND,
      `No agency is named “${name.slice(0, 100)}”; give the exact name of an existing agency, or leave agencyName empty to import into your own.`,
      ["input", "agencyName"],
    );
  }
  // Note: recording a past publication, the role (PUBLISHER or ADMIN) is the machine's to check.
  if (agency.id !== actor.agencyId || !(recording || actor.roles.includes("DRAFTER"))) {
    throw problem(
      UserErrorCode.FORBIDDEN,
      `You may not import reports for ${agency.name}: only a DRAFTER of that agency may; leave agencyName empty to import into your own agency.`,
      ["input", "agencyName"],
    );
  }
  return agency;
}
