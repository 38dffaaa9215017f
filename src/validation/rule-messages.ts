import { columnGroupLabel, columnLabel, rowLabel, rowTitle } from "./cell-labels";
import { showTotal } from "./equation";
import type { Equation, Term } from "./equation";
import { axisOf, joinAddends } from "./rule-text";
import type { Addend } from "./rule-text";

/** Builds the message for one rule family; undefined when the rule does not have the expected shape. */
type MessageBuilder = (eq: Equation) => string | undefined;

/**
 * Wording per rule family, keyed by rule id prefix. The phrases mirror the
 * printed table so an author can find the numbers; any other rule in
 * formats.json falls back to the generic "左边 … = X，但右边 … = Y".
 */
const FAMILY_MESSAGES: Record<string, MessageBuilder> = {
  "apply.identity": ({ lhs, rhs, lhsTotal, rhsTotal }) =>
    lhs.length === 2 && rhs.length === 2
      ? `${colOf(lhs[0])}列：新收 ${show(lhs[0])} + 上年结转 ${show(lhs[1])} = ${showTotal(lhsTotal)}，` +
        `但办理结果总计 ${show(rhs[0])} + 结转下年度 ${show(rhs[1])} = ${showTotal(rhsTotal)}`
      : undefined,
  "apply.rowtotal": ({ lhs, rhs, rhsTotal }) =>
    lhs.length === 1
      ? `${rowTitle(lhs[0].def.table, lhs[0].def.row)}：总计 ${show(lhs[0])}，` +
        `但各类申请人之和 ${showTotal(rhsTotal)}（${joinAddends(shown(rhs), d => columnLabel(d.table, d.column))}）`
      : undefined,
  "apply.resulttotal": ({ lhs, rhs, rhsTotal }) =>
    lhs.length === 1 ? `${colOf(lhs[0])}列：（七）总计 ${show(lhs[0])}，但（一）至（六）各项之和 ${showTotal(rhsTotal)}` + nonZeroList(rhs) : undefined,
  "review.total": ({ lhs, rhs, rhsTotal }) =>
    lhs.length === 1
      ? `${columnGroupLabel(lhs[0].def.table, lhs[0].def.column)}：总计 ${show(lhs[0])}，` +
        `但${joinAddends(shown(rhs), d => d.column.label)} = ${showTotal(rhsTotal)}`
      : undefined,
  "xyear.carry": ({ lhs, rhs }) =>
    lhs.length === 1 && rhs.length === 1
      ? `${colOf(lhs[0])}列：本年“上年结转” ${show(lhs[0])}，` + `但 ${rhs[0].year} 年报告“结转下年度继续办理” ${show(rhs[0])}`
      : undefined,
};

/** Given a violated rule's equation, returns the author-facing message. */
export function equationMessage(ruleId: string, equation: Equation): string {
  const family = Object.keys(FAMILY_MESSAGES).find(prefix => ruleId.startsWith(`${prefix}.`));
  const text = (family && FAMILY_MESSAGES[family](equation)) || genericMessage(equation);
  const hasBlank = [...equation.lhs, ...equation.rhs].some(term => term.value === null);
  return hasBlank ? `${text}（空白按 0 计）` : text;
}

/** "自然人列：左边 一、… 3 + 二、… 0 = 3，但右边 … = 2", built from labels alone. */
function genericMessage({ lhs, rhs, lhsTotal, rhsTotal }: Equation): string {
  const axis = axisOf([...lhs, ...rhs].map(term => term.def));
  const crossYear = [...lhs, ...rhs].some(term => term.year !== undefined);
  const side = (terms: Term[]) => joinAddends(shown(terms, crossYear), axis.name);
  return `${axis.prefix}左边 ${side(lhs)} = ${showTotal(lhsTotal)}，但右边 ${side(rhs)} = ${showTotal(rhsTotal)}`;
}

function shown(terms: Term[], crossYear = false): Addend[] {
  return terms.map(term => ({
    def: term.def,
    negated: term.negated,
    shown: show(term),
    yearTag: crossYear ? (term.year === undefined ? "本年" : `${term.year} 年`) : undefined,
  }));
}

/** Lists the non-zero results, since the 21 addends of （七）总计 would bury the ones that matter. */
function nonZeroList(terms: Term[]): string {
  const nonZero = terms.filter(term => term.micros !== 0n);
  if (nonZero.length === 0) {
    return "（各项均为 0）";
  }
  return `（${joinAddends(shown(nonZero), d => rowLabel(d.table, d.row) ?? d.table.title)}）`;
}

function colOf(term: Term): string {
  return columnLabel(term.def.table, term.def.column);
}

function show(term: Term): string {
  return term.value ?? "空白";
}
