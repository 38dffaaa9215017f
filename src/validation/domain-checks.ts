import { MAX_SCALE, parseDecimal } from "../formats";
import type { CellDef } from "../formats";
import { cellLabel } from "./cell-labels";
import { violationCell } from "./equation";
import type { ReportContent, Violation } from "./violation.types";

/** Ids of the per-cell checks; `domain.nonnegative` is the rule formats.json names. */
export const DOMAIN_RULE_IDS = ["domain.number", "domain.scale", "domain.integer", "domain.nonnegative"] as const;
export type DomainRuleId = (typeof DOMAIN_RULE_IDS)[number];

interface DomainIssue {
  ruleId: DomainRuleId;
  message: string;
}

const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** Reports each filled cell whose value its column does not allow: one violation per cell. */
export function checkDomain(report: ReportContent): Violation[] {
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

/** Given a cell and its text, returns what is wrong with the value, if anything. */
export function domainIssue(def: CellDef, text: string): DomainIssue | undefined {
  // Note: the label only for a message; most cells are fine, and validation at SUBMIT checks every one.
  const label = (): string => `“${cellLabel(def)}”`;
  const parsed = parseDecimal(text);
  if (!parsed) {
    return PLAIN_NUMBER.test(text.trim())
      ? { ruleId: "domain.scale", message: `${label()}的值 ${text} 超过 ${MAX_SCALE} 位小数` }
      : { ruleId: "domain.number", message: `${label()}的值“${text}”不是数字` };
  }
  if (def.dtype === "int" && parsed.scale > 0) {
    return { ruleId: "domain.integer", message: `${label()}是件数，应为整数，但填了 ${text}` };
  }
  const scale = def.column.scale ?? MAX_SCALE;
  if (parsed.scale > scale) {
    return { ruleId: "domain.scale", message: `${label()}的值 ${text} 超过 ${scale} 位小数` };
  }
  if (def.min !== null && parsed.micros < (parseDecimal(String(def.min))?.micros ?? 0n)) {
    const bound = def.min === 0 ? "不能为负数" : `不能小于 ${def.min}`;
    return { ruleId: "domain.nonnegative", message: `${label()}${bound}，但填了 ${text}` };
  }
  return undefined;
}
