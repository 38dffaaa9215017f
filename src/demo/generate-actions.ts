import { textSections } from "../formats";
import type { Format } from "../formats";
import type { GeneratedContent } from "./generate-content";
import { DAY, officeHours, spread } from "./generate-history";
import type { PathStep, ReportPlan } from "./generate-history";
import type { Rng } from "./generate-rng";

/** One thing done to a report, in order: its creation, a content edit, or a workflow step. */
export type Action =
  | { kind: "create" }
  | { kind: "cells"; cells: Array<{ key: string; after: string | null }> }
  | { kind: "section"; sectionId: string; after: string }
  | { kind: "step"; step: PathStep };

/** What a report's actions are chosen from. */
export interface ActionInput {
  format: Format;
  content: GeneratedContent;
  plan: ReportPlan;
  /** Draft edits added to pad the audit trail. */
  padding: number;
  rng: Rng;
}

/** What a report's times are chosen from: its window and its agency's deadline. */
export interface TimeInput {
  plan: ReportPlan;
  window: { start: number; end: number };
  /** The first instant after the agency's 第四十九条 due day (deadlineInstant). */
  deadline: number;
  rng: Rng;
}

/** The first fill's table groups (二, 三, 四): one cells.set each. */
const CELL_GROUPS: ReadonlyArray<(tableId: string) => boolean> = [
  tableId => tableId.startsWith("active."),
  tableId => tableId === "apply",
  tableId => tableId === "review",
];

/** Records of the first fill: one cells.set per table group (二, 三, 四) and one per text section. */
export function fillRecordCount(format: Format): number {
  return CELL_GROUPS.length + textSections(format).length;
}

/** The report's actions in order: create, first fill, padding edits, then the workflow path. */
export function reportActions(input: ActionInput): Action[] {
  const { format, content, plan } = input;
  const fixes = new Set<string>();
  if (plan.path.includes("FIX_PROBLEMS")) fixes.add("sec.problems");
  if (plan.path.includes("FIX_OTHER")) fixes.add("sec.other");
  const odd = input.padding % 2 === 1;
  const firstText = (id: string) => {
    if (fixes.has(id)) return content.earlierSections[id];
    // An odd padding count: 一 is written in two goes, its first sentences first.
    if (odd && id === "sec.overview") return content.sections[id].slice(0, content.sections[id].indexOf("。") + 1);
    return content.sections[id];
  };
  const actions: Action[] = [{ kind: "create" }];
  const texts = textSections(format).map(section => section.id);
  const groups = CELL_GROUPS.map(inGroup =>
    format.cellKeys.filter(key => inGroup(key.split("/")[0]) && content.cells[key] !== null).map(key => ({ key, after: content.cells[key] })),
  );
  actions.push({ kind: "section", sectionId: texts[0], after: firstText(texts[0]) });
  for (const cells of groups) actions.push({ kind: "cells", cells });
  for (const id of texts.slice(1)) actions.push({ kind: "section", sectionId: id, after: firstText(id) });
  actions.push(...paddingEdits(input, new Map(texts.map(id => [id, firstText(id)]))));
  if (odd) actions.push({ kind: "section", sectionId: "sec.overview", after: content.sections["sec.overview"] });
  for (const step of plan.path) {
    if (step === "FIX_PROBLEMS") actions.push({ kind: "section", sectionId: "sec.problems", after: content.sections["sec.problems"] });
    else if (step === "FIX_OTHER") actions.push({ kind: "section", sectionId: "sec.other", after: content.sections["sec.other"] });
    else actions.push({ kind: "step", step });
  }
  return actions;
}

/** The padding's draft edits, in pairs: a mistyped cell and its correction, or a note added to a section and removed. */
function paddingEdits(input: ActionInput, current: Map<string, string>): Action[] {
  const { format, content, rng } = input;
  const texts = [...current.keys()];
  const typoKeys = format.cellKeys.filter(key => format.cells.get(key)!.dtype === "int" && content.cells[key] !== null);
  const actions: Action[] = [];
  for (let pair = 0; pair < Math.floor(input.padding / 2); pair++) {
    if (rng.chance(0.8)) {
      const key = rng.pick(typoKeys);
      const value = Number(content.cells[key]);
      // A digit typed twice, or a slip of one or two.
      const typo = String(rng.chance(0.5) ? value * 10 + (value % 10) : value + rng.pick([1, 2]));
      actions.push({ kind: "cells", cells: [{ key, after: typo }] });
      actions.push({ kind: "cells", cells: [{ key, after: content.cells[key] }] });
    } else {
      const id = rng.pick(texts);
      const text = current.get(id)!;
      actions.push({ kind: "section", sectionId: id, after: `${text}（此处数据待核实）` });
      actions.push({ kind: "section", sectionId: id, after: text });
    }
  }
  return actions;
}

/**
 * When each action happened. A published report's first publication falls on
 * a chosen day (by the agency's 第四十九条 deadline, or later for a late one); a correction comes
 * weeks after; other reports are worked on for a few weeks from December on.
 */
export function reportTimes(actions: Action[], input: TimeInput): number[] {
  const { plan, window, deadline, rng } = input;
  const publishAt = actions.findIndex(action => action.kind === "step" && action.step === "PUBLISH");
  const between = (from: number, to: number) => from + rng.next() * Math.max(0, to - from);
  const clamp = (t: number) => Math.min(Math.max(t, window.start), window.end);
  if (publishAt >= 0) {
    const due = deadline - 16 * 3_600_000;
    const target = clamp(plan.late ? between(deadline + DAY, deadline + 120 * DAY) : between(due - 21 * DAY, due));
    const publishTime = officeHours(target);
    const start = clamp(Math.max(window.start, publishTime - between(15, 50) * DAY));
    const first = [...spread(publishAt, start, publishTime - 3_600_000, rng), publishTime];
    const rest = actions.length - publishAt - 1;
    if (rest === 0) return monotone(first);
    const from = Math.min(publishTime + 20 * DAY, window.end - DAY);
    return monotone([...first, ...spread(rest, Math.max(from, publishTime + 1000), Math.min(window.end, from + 120 * DAY), rng)]);
  }
  const start = between(window.start, Math.max(window.start, Math.min(window.end - 2 * DAY, window.start + 50 * DAY)));
  return monotone(spread(actions.length, start, Math.min(window.end, start + between(5, 60) * DAY), rng));
}

function monotone(times: number[]): number[] {
  for (let i = 1; i < times.length; i++) if (times[i] <= times[i - 1]) times[i] = times[i - 1] + 1000;
  return times;
}
