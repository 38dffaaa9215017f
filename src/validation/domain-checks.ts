import { MAX_SCALE, parseDecimal } from "../formats";
import type { CellDef } from "../formats";
import { cellLabel } from "./cell-labels";
import { violationCell } from "./equation";
import type { ReportToCheck, Violation } from "./violation.types";

/** Ids of the per-cell checks; `domain.nonnegative` is the rule formats.json names. */
export const DOMAIN_RULE_IDS = ["domain.number", "domain.scale", "domain.integer", "domain.nonnegative"] as const;
export type DomainRuleId = (typeof DOMAIN_RULE_IDS)[number];

interface DomainIssue {
  ruleId: DomainRuleId;
  message: string;
}

const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** Reports each filled cell whose value its column does not allow: one violation per cell. */
export function checkDomain(report: ReportToCheck): Violation[] {
  const violations: Violation[] = [];
  for (const def of report.format.cells.values()) {
    const value = report.cells[def.key];
    const issue = typeof value === "string" ? domainIssue(def, value) : undefined;
    if (issue) {
      violations.push({
        ...issue,
        kind: "implied",
        severity: "ERROR",
        cells: [violationCell(def, value ?? null)],
      });
    }
  }
  return violations;
}

/**
 * What is wrong with a cell's number, as facts rather than words, so that every reader of a value (this engine,
 * and the input checks of the services) applies the same rules and words them for its own audience.
 */
export type NumberIssue =
  { ruleId: "domain.number" } | { ruleId: "domain.scale"; scale: number } | { ruleId: "domain.integer" } | { ruleId: "domain.nonnegative"; min: number };

/** The number rules of a cell, in one place: a plain decimal, within its column's places, whole for counts, ≥ its bound. */
export function numberIssue(def: CellDef, text: string): NumberIssue | undefined {
  const parsed = parseDecimal(text);
  if (!parsed) {
    // Note: parseDecimal refuses a plain decimal only for its places, so a plain one failed for being too fine.
    return PLAIN_NUMBER.test(text.trim()) ? { ruleId: "domain.scale", scale: MAX_SCALE } : { ruleId: "domain.number" };
  }
  if (def.dtype === "int" && parsed.scale > 0) {
    return { ruleId: "domain.integer" };
  }
  const scale = def.column.scale ?? MAX_SCALE;
  if (parsed.scale > scale) {
    return { ruleId: "domain.scale", scale };
  }
  if (def.min !== null && parsed.micros < (parseDecimal(String(def.min))?.micros ?? 0n)) {
    return { ruleId: "domain.nonnegative", min: def.min };
  }
  return undefined;
}

/** Given a cell and its text, returns what is wrong with the value, if anything, worded for the report's author. */
export function domainIssue(def: CellDef, text: string): DomainIssue | undefined {
  const issue = numberIssue(def, text);
  return issue && { ruleId: issue.ruleId, message: domainMessage(def, text, issue) };
}

function domainMessage(def: CellDef, text: string, issue: NumberIssue): string {
  const label = `“${cellLabel(def)}”`;
  switch (issue.ruleId) {
    case "domain.number":
      return `${label}的值“${text}”不是数字`;
    case "domain.scale":
      return `${label}的值 ${text} 超过 ${issue.scale} 位小数`;
    case "domain.integer":
      return `${label}是件数，应为整数，但填了 ${text}`;
    case "domain.nonnegative":
      return `${label}${issue.min === 0 ? "不能为负数" : `不能小于 ${issue.min}`}，但填了 ${text}`;
  }
}
