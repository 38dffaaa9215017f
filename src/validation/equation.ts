import { formatMicros, parseDecimal } from "../formats";
import type { CellDef, Format, Micros } from "../formats";
import { cellLabel } from "./cell-labels";
import type { ViolationCell } from "./violation.types";

/** One addend of a rule side, read from a report. */
export interface Term {
  def: CellDef;
  /** The cell's text, or null when blank (which counts as 0). */
  value: string | null;
  micros: Micros;
  negated: boolean;
  /** Set when the cell comes from last year's report. */
  year?: number;
}

/** A sum rule evaluated on a report: lhs and rhs terms with their totals. */
export interface Equation {
  lhs: Term[];
  rhs: Term[];
  lhsTotal: Micros;
  rhsTotal: Micros;
}

/** Where a term reads from: the report, and whether it is last year's. */
export interface TermSource {
  format: Format;
  cells: Record<string, string | null>;
  /** Set only for last year's report, so its cells are tagged with their year. */
  year?: number;
  /** Each cell's value parsed once per source (a cell is read by several rules); readTerm fills it. */
  parsed?: Map<string, Micros | null>;
}

/**
 * Given a cell key, returns its term, or undefined when the rule cannot be
 * evaluated on this cell: the key is not in the format, the cell is absent, or
 * its text is not a number (the domain check reports that one).
 */
export function readTerm(source: TermSource, key: string, negated = false): Term | undefined {
  // Note: a cell present holds a string or null, so undefined means absent (cheaper than `in` on a large record).
  const value = source.cells[key];
  const def = value === undefined ? undefined : source.format.cells.get(key);
  if (value === undefined || !def) {
    return undefined;
  }
  if (value === null) {
    return { def, value, micros: 0n, negated, year: source.year };
  }
  const micros = parsedValue(source, key, value);
  return micros === null ? undefined : { def, value, micros, negated, year: source.year };
}

function parsedValue(source: TermSource, key: string, value: string): Micros | null {
  source.parsed ??= new Map();
  let micros = source.parsed.get(key);
  if (micros === undefined) {
    micros = parseDecimal(value)?.micros ?? null;
    source.parsed.set(key, micros);
  }
  return micros;
}

/** Returns the equation, or undefined when any term could not be read (the rule is skipped). */
export function balance(lhs: (Term | undefined)[], rhs: (Term | undefined)[]): Equation | undefined {
  if (!isComplete(lhs) || !isComplete(rhs)) {
    return undefined;
  }
  return { lhs, rhs, lhsTotal: total(lhs), rhsTotal: total(rhs) };
}

export function isBalanced(equation: Equation): boolean {
  return equation.lhsTotal === equation.rhsTotal;
}

export function total(terms: Term[]): Micros {
  return terms.reduce((sum, term) => (term.negated ? sum - term.micros : sum + term.micros), 0n);
}

export function showTotal(micros: Micros): string {
  return formatMicros(micros);
}

/** Every cell of the equation, lhs first, as listed on a violation. */
export function equationCells(equation: Equation): ViolationCell[] {
  return [...equation.lhs, ...equation.rhs].map(term => violationCell(term.def, term.value, term.year));
}

export function violationCell(def: CellDef, value: string | null, year?: number): ViolationCell {
  const cell: ViolationCell = {
    key: def.key,
    table: def.table.id,
    row: def.row.id,
    col: def.column.id,
    label: cellLabel(def),
    value,
  };
  return year === undefined ? cell : { ...cell, year };
}

function isComplete(terms: (Term | undefined)[]): terms is Term[] {
  return terms.every(term => term !== undefined);
}
