import { canonicalDecimal } from "../formats";
import type { Format, TableDef } from "../formats";
import type { Rng } from "./generate-rng";
import { repeatsLastYear, writeSections } from "./generate-sections";

/** How a deliberately broken report fails, and the validation rule that catches it. */
export const BREAK_KINDS = ["apply.identity", "apply.rowtotal", "review.total", "required.cell"] as const;
export type BreakKind = (typeof BREAK_KINDS)[number];

/** What one year's report hands on to the next year's of the same agency (the cross-year rules). */
export interface CarryState {
  /** apply/apply.carry_forward per column: next year's apply.carry_over. */
  carryForward: Record<string, number>;
  /** gb2019 本年新增/减少 tables: next year's 上一年项目数量 by row. */
  items: Record<string, number>;
  /** gb2021 现行有效件数 by row. */
  inForce: Record<string, number>;
  /** 万元 amounts (fees, a procurement's unit price) by cell: next year's stay within the same order of magnitude. */
  amounts: Record<string, number>;
  /** The narrative sections: next year's must not repeat more than half of them (text.repeated). */
  sections: Record<string, string>;
}

export interface AgencyProfile {
  name: string;
  /** A people's government: its report states 考核、社会评议、责任追究 (条例 第五十条（四）). */
  government?: boolean;
  /** Workload factor: a province department handles more applications than a county's. */
  scale: number;
}

export interface GeneratedContent {
  cells: Record<string, string | null>;
  sections: Record<string, string>;
  /** Earlier texts of sections, rewritten during the workflow (after a rejection or in a correction). */
  earlierSections: Record<string, string>;
  broken: BreakKind | null;
  carry: CarryState;
}

/** Relative weight of each outcome of an application (（一）…（六）), by row id. */
const RESULT_WEIGHTS: Record<string, number> = {
  "apply.result.open": 40,
  "apply.result.partial": 8,
  "apply.result.denied.state_secret": 0.2,
  "apply.result.denied.law_forbidden": 0.5,
  "apply.result.denied.security_stability": 0.2,
  "apply.result.denied.third_party": 0.8,
  "apply.result.denied.internal_affairs": 1.5,
  "apply.result.denied.process_info": 2,
  "apply.result.denied.enforcement_file": 1,
  "apply.result.denied.admin_query": 1.5,
  "apply.result.unable.not_held": 22,
  "apply.result.unable.need_creation": 2,
  "apply.result.unable.still_unclear": 4,
  "apply.result.not_processed.petition": 2,
  "apply.result.not_processed.repeat": 2,
  "apply.result.not_processed.publication": 1,
  "apply.result.not_processed.excessive": 0.3,
  "apply.result.not_processed.confirm": 0.5,
  "apply.result.other": 5,
  "apply.result.other.no_correction": 2,
  "apply.result.other.unpaid_fee": 0.2,
  "apply.result.other.other": 3,
};

/** Mean new applications per workload unit, by applicant column. */
const APPLICANT_MEANS: Record<string, number> = {
  "col.natural": 18,
  "col.legal.commercial": 3,
  "col.legal.research": 0.3,
  "col.legal.social": 0.3,
  "col.legal.legal_service": 0.8,
  "col.legal.other": 0.5,
};

const DECISION_MEANS: Record<string, number> = {
  "active.license": 300,
  "active.other_services": 150,
  "active.penalty": 80,
  "active.coercion": 3,
};

/**
 * Given an agency, a year and last year's carry-over, returns a report whose
 * tables add up (every 勾稽关系, the cross-year carry-over and the heuristic
 * year-on-year rules), every cell filled and every section written — then, if
 * `breakKind` is set, breaks it so that a real validation rule fails.
 */
export function generateContent(
  format: Format,
  year: number,
  agency: AgencyProfile,
  previous: CarryState | undefined,
  rng: Rng,
  breakKind: BreakKind | null,
): GeneratedContent {
  const cells: Record<string, string | null> = {};
  const carry: CarryState = { carryForward: {}, items: {}, inForce: {}, amounts: {}, sections: {} };
  const set = (table: string, row: string, col: string, value: number | string) => {
    const key = `${table}/${row}/${col}`;
    if (!format.cells.has(key)) throw new Error(`generator: ${format.id} has no cell ${key}`);
    cells[key] = typeof value === "number" ? String(value) : value;
  };
  for (const table of format.def.tables) {
    if (table.id === "apply") fillApply(table, agency, previous, rng, set, carry);
    else if (table.id === "review") fillReview(table, agency, rng, set);
    else fillActive(table, agency, previous, rng, set, carry);
  }
  const missing = format.cellKeys.filter(key => !(key in cells));
  if (missing.length) throw new Error(`generator: ${format.id} cells left blank: ${missing.join(", ")}`);
  let written = writeSections(format, year, agency, cells, rng);
  // Note: real reports are rewritten each year; a text repeating last year's would fail text.repeated.
  for (let attempt = 0; attempt < 30 && previous && repeatsLastYear(format, written.sections, previous.sections); attempt++) {
    written = writeSections(format, year, agency, cells, rng);
  }
  const { sections, earlierSections } = written;
  carry.sections = sections;
  if (breakKind) breakReport(cells, breakKind, rng);
  return { cells, sections, earlierSections, broken: breakKind, carry };
}

type Setter = (table: string, row: string, col: string, value: number | string) => void;

function fillApply(table: TableDef, agency: AgencyProfile, previous: CarryState | undefined, rng: Rng, set: Setter, carry: CarryState) {
  const columns = table.columns.filter(c => c.data && c.id !== "col.total").map(c => c.id);
  const results = table.rows.filter(r => r.data && r.id.startsWith("apply.result.") && r.id !== "apply.result.total").map(r => r.id);
  const totals: Record<string, number> = {};
  const add = (row: string, value: number) => (totals[row] = (totals[row] ?? 0) + value);
  for (const col of columns) {
    const fresh = rng.count((APPLICANT_MEANS[col] ?? 0.5) * agency.scale);
    const carried = previous ? (previous.carryForward[col] ?? 0) : rng.count(0.05 * fresh);
    const open = fresh + carried;
    const forward = Math.min(open, rng.chance(0.4) ? rng.count(0.06 * open + 0.3) : 0);
    const outcomes = multinomial(
      open - forward,
      results.map(row => RESULT_WEIGHTS[row] ?? 1),
      rng,
    );
    set("apply", "apply.new", col, fresh);
    set("apply", "apply.carry_over", col, carried);
    results.forEach((row, index) => {
      set("apply", row, col, outcomes[index]);
      add(row, outcomes[index]);
    });
    set("apply", "apply.result.total", col, open - forward);
    set("apply", "apply.carry_forward", col, forward);
    add("apply.new", fresh);
    add("apply.carry_over", carried);
    add("apply.result.total", open - forward);
    add("apply.carry_forward", forward);
    carry.carryForward[col] = forward;
  }
  for (const row of table.rows.filter(r => r.data)) {
    set("apply", row.id, "col.total", totals[row.id] ?? 0);
  }
  carry.carryForward["col.total"] = totals["apply.carry_forward"] ?? 0;
}

function fillReview(table: TableDef, agency: AgencyProfile, rng: Rng, set: Setter) {
  const groups: Array<[string, number]> = [
    ["col.review", 0.4],
    ["col.litigation.direct", 0.2],
    ["col.litigation.after_review", 0.1],
  ];
  for (const [group, mean] of groups) {
    let total = 0;
    for (const part of ["upheld", "corrected", "other", "pending"]) {
      const share = part === "upheld" ? 1 : part === "pending" ? 0.3 : 0.2;
      const value = rng.chance(0.5) ? rng.count(mean * share * agency.scale) : 0;
      set(table.id, "review.count", `${group}.${part}`, value);
      total += value;
    }
    set(table.id, "review.count", `${group}.total`, total);
  }
}

function fillActive(table: TableDef, agency: AgencyProfile, previous: CarryState | undefined, rng: Rng, set: Setter, carry: CarryState) {
  const columns = new Set(table.columns.filter(c => c.data).map(c => c.id));
  for (const row of table.rows.filter(r => r.data)) {
    const rules = row.id === "active.rules";
    if (columns.has("col.prev_items")) {
      // gb2019: 上一年项目数量 follows from last year's 上一年项目数量 + 本年增/减.
      const prior = previous?.items[row.id] ?? rng.int(3, 60);
      const change = Math.max(-prior, rng.int(-3, 5));
      set(table.id, row.id, "col.prev_items", prior);
      set(table.id, row.id, "col.change", change);
      carry.items[row.id] = prior + change;
    }
    if (columns.has("col.decisions")) {
      set(table.id, row.id, "col.decisions", rng.count((DECISION_MEANS[row.id] ?? 50) * agency.scale));
    }
    if (columns.has("col.made")) {
      const made = rng.int(0, rules ? 2 : 8);
      set(table.id, row.id, "col.made", made);
      set(table.id, row.id, "col.published", rng.int(0, made));
      set(table.id, row.id, "col.total_public", rng.int(made, made + (rules ? 20 : 80)));
    }
    if (columns.has("col.in_force")) {
      // gb2021: 现行有效件数 = last year's + 本年制发 − 本年废止.
      const issued = rng.int(0, rules ? 2 : 8);
      const before = previous?.inForce[row.id] ?? rng.int(rules ? 0 : 5, rules ? 15 : 80);
      const repealed = Math.min(before, rng.int(0, rules ? 1 : 3));
      set(table.id, row.id, "col.issued", issued);
      set(table.id, row.id, "col.repealed", repealed);
      set(table.id, row.id, "col.in_force", before + issued - repealed);
      carry.inForce[row.id] = before + issued - repealed;
    }
    if (columns.has("col.procurement_count")) {
      const count = rng.count(4 * agency.scale);
      const unitPrice = drift(previous?.amounts[`${table.id}/unit`], () => rng.int(2, 150) + rng.next(), rng);
      carry.amounts[`${table.id}/unit`] = unitPrice;
      set(table.id, row.id, "col.procurement_count", count);
      set(table.id, row.id, "col.procurement_amount", count === 0 ? "0" : wanAmount(count * unitPrice, 6));
    }
    if (columns.has("col.fee_amount")) {
      const fee = rng.chance(0.85) ? 0 : drift(previous?.amounts[`${table.id}/fee`] || undefined, () => rng.int(0, 2) + rng.next() + 0.0001, rng);
      carry.amounts[`${table.id}/fee`] = fee;
      set(table.id, row.id, "col.fee_amount", fee === 0 ? "0" : wanAmount(fee, 4));
    }
  }
}

/** A 万元 amount with up to `places` decimals, in canonical form. */
function wanAmount(wan: number, places: number): string {
  return canonicalDecimal(wan.toFixed(places)) ?? "0";
}

/** Last year's amount moved by −40%…+60%, or a fresh one: amounts do not jump by orders of magnitude. */
function drift(last: number | undefined, fresh: () => number, rng: Rng): number {
  return last === undefined ? fresh() : last * (0.6 + rng.next());
}

/** Splits `n` into counts proportional to `weights` (a multinomial draw). */
function multinomial(n: number, weights: number[], rng: Rng): number[] {
  const out = weights.map(() => 0);
  let remaining = n;
  let weight = weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length - 1 && remaining > 0; i++) {
    const p = Math.min(1, weights[i] / weight);
    let k: number;
    if (remaining < 40) {
      k = 0;
      for (let j = 0; j < remaining; j++) if (rng.next() < p) k++;
    } else {
      const z = Math.sqrt(-2 * Math.log(Math.max(rng.next(), 1e-9))) * Math.cos(2 * Math.PI * rng.next());
      k = Math.round(remaining * p + z * Math.sqrt(remaining * p * (1 - p)));
    }
    k = Math.max(0, Math.min(remaining, k));
    out[i] = k;
    remaining -= k;
    weight -= weights[i];
  }
  out[weights.length - 1] += remaining;
  return out;
}

function breakReport(cells: Record<string, string | null>, kind: BreakKind, rng: Rng): void {
  const bump = (key: string, by: number) => {
    cells[key] = String(Number(cells[key] ?? "0") + by);
  };
  switch (kind) {
    case "apply.identity": {
      // Outcomes and their totals agree, but more outcomes than applications: 一 + 二 ≠ 三（七）+ 四.
      const by = rng.int(1, 3);
      for (const key of [
        "apply/apply.result.open/col.natural",
        "apply/apply.result.open/col.total",
        "apply/apply.result.total/col.natural",
        "apply/apply.result.total/col.total",
      ]) {
        bump(key, by);
      }
      return;
    }
    case "apply.rowtotal":
      bump("apply/apply.new/col.total", rng.int(1, 5));
      return;
    case "review.total":
      bump("review/review.count/col.review.total", rng.int(1, 2));
      return;
    case "required.cell":
      cells["active.art20_6/active.coercion/col.decisions"] = null;
      return;
  }
}
