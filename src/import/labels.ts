/**
 * Label matching against the format's labels. Published labels differ from
 * the national ones by numbering style, a dropped or mistyped character
 * ("2.其他法律行政止公开"), or a fragment left by a broken table. A match is
 * only accepted when it points at one row, so a fragment shared by two rows
 * (e.g. "行政机关不再处理其政府信息公开申请") never decides alone.
 */
import { labelKey } from "./normalize";

/** Removes leading numbering: "三、", "(一)", "1.", "1)" and a stray group character. */
export function stripNumbering(key: string): string {
  return key.replace(/^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.)])+/, "");
}

/** Edit distance, cut off early: only "at most one edit" matters here. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) {
    return false;
  }
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) {
      return false;
    }
    if (a.length > b.length) {
      i++;
    } else if (b.length > a.length) {
      j++;
    } else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export type MatchKind = "exact" | "near";

/**
 * How well a printed label matches one of the wanted labels: exact (same key
 * after numbering is removed, or containment of a label of 4+ characters) or
 * near (one character different, for labels of 4+ characters).
 */
export function matchLabel(printed: string, wanted: readonly string[]): MatchKind | null {
  const key = labelKey(printed);
  const core = stripNumbering(key);
  if (core === "") {
    return null;
  }
  let near = false;
  for (const label of wanted) {
    const target = stripNumbering(labelKey(label));
    if (core === target || key === labelKey(label)) {
      return "exact";
    }
    if (target.length >= 4 && (core.includes(target) || (core.length >= 6 && target.startsWith(core)))) {
      return "exact";
    }
    if (target.length >= 4 && (withinOneEdit(core, target) || nearContained(core, target))) {
      near = true;
    }
  }
  return near ? "near" : null;
}

/** A one-edit variant of the target inside a longer printed label (a group prefix like "三"). */
function nearContained(core: string, target: string): boolean {
  for (let len = target.length - 1; len <= target.length + 1; len++) {
    for (let start = 0; start + len <= core.length; start++) {
      if (withinOneEdit(core.slice(start, start + len), target)) {
        return true;
      }
    }
  }
  return false;
}

/** The one candidate a label matches best; undefined when none or more than one do. */
export function uniqueMatch<T>(printed: string, candidates: ReadonlyArray<{ item: T; labels: readonly string[] }>): { item: T; kind: MatchKind } | undefined {
  for (const kind of ["exact", "near"] as const) {
    const hits = candidates.filter(candidate => matchLabel(printed, candidate.labels) === kind);
    if (hits.length === 1) {
      return { item: hits[0].item, kind };
    }
    if (hits.length > 1) {
      return undefined;
    }
  }
  return undefined;
}
