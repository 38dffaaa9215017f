import type { Rng } from "./generate-rng";

/**
 * The steps a report goes through, in order. Workflow events plus the content
 * edits the workflow forces: FIX_PROBLEMS rewrites 五 after a rejection,
 * FIX_OTHER rewrites 六 in a correction.
 */
export type PathStep =
  "SUBMIT" | "WITHDRAW" | "CLEAR_SECRECY" | "SIGN_OFF" | "REJECT_SECRECY" | "REJECT_LEADER" | "PUBLISH" | "CORRECT" | "FIX_PROBLEMS" | "FIX_OTHER";

export interface ReportPlan {
  path: PathStep[];
  /** Published after the agency's 第四十九条 deadline (departments 31 January, governments 31 March). */
  late: boolean;
}

const PUBLISH: PathStep[] = ["SUBMIT", "CLEAR_SECRECY", "SIGN_OFF", "PUBLISH"];

function rejectionLoop(rng: Rng): PathStep[] {
  return rng.chance(0.5) ? ["SUBMIT", "REJECT_SECRECY", "FIX_PROBLEMS"] : ["SUBMIT", "CLEAR_SECRECY", "REJECT_LEADER", "FIX_PROBLEMS"];
}

/**
 * Chooses a report's workflow path. Past years: mostly published (some late,
 * some after a rejection, a few corrected afterwards), a few overdue drafts or
 * stuck in review. The current (latest) year: mostly drafts. A broken report
 * cannot be submitted (the machine refuses reports with errors), so it stays a draft.
 */
export function planReport(current: boolean, broken: boolean, rng: Rng): ReportPlan {
  if (broken) return { path: [], late: false };
  if (current) {
    const kind = rng.weighted([
      ["fresh", 45],
      ["withdrawn", 5],
      ["rejected", 10],
      ["secrecyReview", 12],
      ["leadershipSignOff", 8],
      ["approved", 5],
      ["published", 15],
    ] as const);
    switch (kind) {
      case "fresh":
        return { path: [], late: false };
      case "withdrawn":
        return { path: ["SUBMIT", "WITHDRAW"], late: false };
      case "rejected":
        return { path: rejectionLoop(rng), late: false };
      case "secrecyReview":
        return { path: ["SUBMIT"], late: false };
      case "leadershipSignOff":
        return { path: ["SUBMIT", "CLEAR_SECRECY"], late: false };
      case "approved":
        return { path: ["SUBMIT", "CLEAR_SECRECY", "SIGN_OFF"], late: false };
      case "published":
        return { path: [...PUBLISH], late: false };
    }
  }
  const kind = rng.weighted([
    ["published", 80],
    ["late", 10],
    ["overdueDraft", 5],
    ["stuck", 5],
  ] as const);
  if (kind === "overdueDraft") {
    return { path: rng.pick<PathStep[]>([[], ["SUBMIT", "WITHDRAW"], ["SUBMIT", "REJECT_SECRECY"]]), late: false };
  }
  if (kind === "stuck") {
    return { path: rng.pick<PathStep[]>([["SUBMIT"], ["SUBMIT", "CLEAR_SECRECY"], ["SUBMIT", "CLEAR_SECRECY", "SIGN_OFF"]]), late: false };
  }
  const path: PathStep[] = [...(rng.chance(0.15) ? rejectionLoop(rng) : []), ...PUBLISH];
  if (rng.chance(0.04)) path.push("CORRECT", "FIX_OTHER", ...PUBLISH);
  return { path, late: kind === "late" };
}

export const REJECT_REASONS = {
  REJECT_SECRECY: ["第五部分对问题的分析不够具体，请补充改进措施后重新提交。", "第五部分表述需完善，请写明下一步整改措施。"],
  REJECT_LEADER: ["请补充下一步工作打算后再报签发。", "第五部分改进措施不明确，请修改。"],
} as const;

export const CORRECTION_REASONS = ["第六部分遗漏人大代表建议和政协提案办理情况，予以补充。", "发布后发现第六部分内容不完整，更正补充建议提案办理情况。"];

const DAY = 86_400_000;

/** Maps an instant onto Beijing office hours (09:00–17:00) of its UTC day; keeps order. */
export function officeHours(t: number): number {
  const day = Math.floor(t / DAY) * DAY;
  return day + 3_600_000 + Math.floor(((t - day) / DAY) * 8 * 3_600_000);
}

/** `count` increasing instants in [from, to], in office hours, at least 1 s apart. */
export function spread(count: number, from: number, to: number, rng: Rng): number[] {
  const times = Array.from({ length: count }, () => from + rng.next() * Math.max(0, to - from)).sort((a, b) => a - b);
  const out: number[] = [];
  let last = -Infinity;
  for (const time of times) {
    const t = Math.max(Math.floor(officeHours(time) / 1000) * 1000, last + 1000);
    out.push(t);
    last = t;
  }
  return out;
}

/** An instant as the ISO text the audit trail stores. */
export function iso(time: number): string {
  return new Date(time).toISOString();
}

export { DAY };
