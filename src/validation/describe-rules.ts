import type { CellDef, Format, RuleKind } from "../formats";
import { DOMAIN_RULE_IDS } from "./domain-checks";
import type { DomainRuleId } from "./domain-checks";
import { parseRef, sumRules } from "./rule-refs";
import { axisOf, joinAddends } from "./rule-text";
import type { Addend } from "./rule-text";
import { severityOf } from "./severity";
import type { RuleDescriptor } from "./violation.types";

const DOMAIN_DESCRIPTIONS: Record<DomainRuleId, string> = {
  "domain.number": "每个单元格须填数字",
  "domain.scale": "金额最多 6 位小数（万元）",
  "domain.integer": "件数须为整数",
  "domain.nonnegative": "件数、金额不得为负数（2019 年格式的“本年增/减”除外）",
};

/**
 * Given a format, lists every check validateReport can report for it, in the
 * order: sum rules, per-cell domain checks, completeness, cross-year rules,
 * then the narrative, identity and contents checks (WARNINGs).
 */
export function describeRules(format: Format): RuleDescriptor[] {
  return [
    ...describeSumRules(format),
    ...describeDomain(format),
    ...REQUIRED,
    ...describeCrossYear(format),
    ...format.def.narrative_checks.rules.map(rule => descriptor(rule.id, "heuristic", rule.description)),
  ];
}

const REQUIRED: RuleDescriptor[] = [
  { id: "required.cell", kind: "required", severity: "ERROR", description: "表格每个单元格都须填写，如为零请填 0" },
  { id: "required.section", kind: "required", severity: "ERROR", description: "一、五、六部分的文字不得为空" },
];

function describeSumRules(format: Format): RuleDescriptor[] {
  return sumRules(format.def.rules).map(rule => descriptor(rule.id, rule.kind, formula(format, rule.lhs, rule.rhs, false)));
}

function describeDomain(format: Format): RuleDescriptor[] {
  const kind = format.def.rules.find(rule => rule.id === "domain.nonnegative")?.kind ?? "implied";
  return DOMAIN_RULE_IDS.map(id => descriptor(id, kind, DOMAIN_DESCRIPTIONS[id]));
}

/** Cross-year rules are listed for this year's format; those needing other columns last year are skipped at run time. */
function describeCrossYear(format: Format): RuleDescriptor[] {
  return format.def.cross_year_rules.map(rule => descriptor(rule.id, rule.kind, formula(format, rule.lhs, rule.rhs, true)));
}

function descriptor(id: string, kind: RuleKind, description: string): RuleDescriptor {
  return { id, kind, severity: severityOf(kind), description };
}

/**
 * "自然人列：一、… + 二、… = （七）总计 + 四、…", from labels; refs the format does not
 * have show as raw keys. Last year's cells are named from this year's format, as the
 * rule is stated for two reports in the same format.
 */
function formula(format: Format, lhs: string[], rhs: string[], crossYear: boolean): string {
  const addend = (ref: string): Addend | string => {
    const parsed = parseRef(ref);
    const def = format.cells.get(parsed.key);
    const yearTag = crossYear ? (parsed.period === "Y-1" ? "上年" : "本年") : undefined;
    return def ? { def, negated: parsed.negated, yearTag } : ref;
  };
  const sides = [lhs.map(addend), rhs.map(addend)];
  if (sides.flat().some(item => typeof item === "string")) {
    return `${lhs.join(" + ")} = ${rhs.join(" + ")}`;
  }
  const [left, right] = sides as Addend[][];
  const axis = axisOf([...left, ...right].map((item): CellDef => item.def));
  return `${axis.prefix}${joinAddends(left, axis.name)} = ${joinAddends(right, axis.name)}`;
}
