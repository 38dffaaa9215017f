import type { AgencyEntity, ReportEntity } from "../../entities";
import type { Format as FormatData } from "../../formats";
import { cellKey } from "../../formats";
import type { ReportContent } from "../../services/report-store";
import { violationFingerprint } from "../../validation";
import type { Violation as ViolationData } from "../../validation";
import { deadlineRule } from "../../workflow";
import { Agency } from "../agency.type";
import type { AgencyKindEnum, AgencyLevelEnum, RuleKind, Severity } from "../enums";
import { toGlobalId } from "../node-id";
import type { ReportSection } from "../report.type";
import { Report, ReportRow, ReportTable } from "../report.type";
import { Validation } from "../validation.type";
import { toFormatTable } from "./format.mapper";

export function toAgency(entity: AgencyEntity): Agency {
  return Object.assign(new Agency(), {
    id: toGlobalId("Agency", entity.id),
    code: entity.code,
    name: entity.name,
    kind: entity.kind as AgencyKindEnum,
    level: entity.level as AgencyLevelEnum | null,
    deadline: deadlineRule(entity).monthDay,
    dbId: entity.id,
    parentDbId: entity.parentId,
  });
}

export function toReport(entity: ReportEntity): Report {
  return Object.assign(new Report(), {
    id: toGlobalId("Report", entity.id),
    year: entity.year,
    title: entity.title,
    state: entity.state,
    version: entity.version,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    dbId: entity.id,
    agencyDbId: entity.agencyId,
    formatId: entity.formatId,
  });
}

export function toSections(content: ReportContent): ReportSection[] {
  return content.format.def.sections.map(section => ({
    id: section.id,
    no: section.no,
    title: section.title,
    kind: section.kind,
    body: section.kind === "text" ? (content.sections[section.id] ?? null) : null,
  }));
}

export function toTables(format: FormatData, content: ReportContent): ReportTable[] {
  return format.def.tables.map(table => {
    const shape = toFormatTable(table);
    const columns = shape.columns.filter(column => column.isData);
    const rows = table.rows
      .filter(row => row.data)
      .map(row =>
        Object.assign(new ReportRow(), {
          id: row.id,
          label: row.label,
          values: columns.map(column => content.cells[cellKey(table.id, row.id, column.id)] ?? null),
        }),
      );
    return Object.assign(new ReportTable(), { id: table.id, title: table.title, sectionId: table.section, columns, rows });
  });
}

/**
 * The tables of a report's content, built once per content object: contents come from the version-keyed caches
 * and are never changed once built (see ContentCache), so their tables are shared by every request that reads
 * that version — a list page otherwise rebuilt ~100 reports' rows on each request. Read-only, like the content.
 */
export function contentTables(content: ReportContent): ReportTable[] {
  let tables = tablesByContent.get(content);
  if (!tables) {
    tables = toTables(content.format, content);
    tablesByContent.set(content, tables);
  }
  return tables;
}

const tablesByContent = new WeakMap<ReportContent, ReportTable[]>();

/** The sections of a content, built once per content object like its tables (read-only). */
export function contentSections(content: ReportContent): ReportSection[] {
  let sections = sectionsByContent.get(content);
  if (!sections) {
    sections = toSections(content);
    sectionsByContent.set(content, sections);
  }
  return sections;
}

const sectionsByContent = new WeakMap<ReportContent, ReportSection[]>();

/**
 * The GraphQL validation of a list of violations, built once per list: validation results come from the
 * version-keyed cache (ContentCache) and are never changed, so a list page no longer maps — and fingerprints, a
 * SHA-256 each — every violation of 100 reports on each request. Read-only, like the violations.
 */
export function cachedValidation(violations: ViolationData[]): Validation {
  let validation = validationByViolations.get(violations);
  if (!validation) {
    validation = toValidation(violations);
    validationByViolations.set(violations, validation);
  }
  return validation;
}

const validationByViolations = new WeakMap<ViolationData[], Validation>();

export function toValidation(violations: ViolationData[]): Validation {
  const errorCount = violations.filter(violation => violation.severity === "ERROR").length;
  return Object.assign(new Validation(), {
    valid: errorCount === 0,
    errorCount,
    warningCount: violations.length - errorCount,
    violations: violations.map(violation => ({
      ruleId: violation.ruleId,
      kind: violation.kind as RuleKind,
      severity: violation.severity as Severity,
      message: violation.message,
      fingerprint: violationFingerprint(violation),
      cells: violation.cells.map(cell => ({
        key: cell.key,
        tableId: cell.table,
        rowId: cell.row,
        columnId: cell.col,
        label: cell.label,
        value: cell.value,
        year: cell.year ?? null,
      })),
      suggestion: violation.suggestion ?? null,
    })),
  });
}
