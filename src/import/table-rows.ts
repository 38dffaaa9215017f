/**
 * Turns text lines into table rows: a label plus the trailing run of numeric
 * cells. Five layouts occur in published texts and are read the same way:
 *  - tab cells, one cell per line, rows separated by blank lines (Word
 *    copy); an empty cell is kept as a blank value;
 *  - tab rows, one line per table row with one TAB between cells and no
 *    blank lines (a table copied from a web page in a browser); empty
 *    fields are blank cells;
 *  - Markdown / pipe-flattened rows, "| label | 1 | 2 |", blanks kept;
 *  - plain lines, "label 1 2 3" (pdfplumber), where numbers may precede
 *    their wrapped label;
 *  - one cell per line (text taken from a page by a program): a label line
 *    followed by one line per number; the numbers are joined to the label.
 */
import { BLANK_MARK, isNumberToken, numberValue } from "./number-token";

export interface TableRow {
  /** Index of the row's first line in the line array. */
  line: number;
  /** Index of the row's last line. */
  endLine: number;
  /** Non-numeric cell text joined (may be empty when the label was lost). */
  label: string;
  /** Trailing value cells in order; null is a blank cell. */
  values: Array<string | null>;
  /** Where the row came from a browser-copied table: "row" for a TAB line, "wrap" for a line without TAB inside it. */
  tabRow?: "row" | "wrap";
}

export { isNumberToken } from "./number-token";

/** Splits cells into label text and the trailing run of value cells. */
function rowFromCells(cells: string[], line: number, endLine: number): TableRow {
  const trimmed = cells.map(cell => cell.trim());
  let start = trimmed.length;
  while (start > 0 && (trimmed[start - 1] === "" || isNumberToken(trimmed[start - 1]) || BLANK_MARK.test(trimmed[start - 1]))) {
    start--;
  }
  // Leading blanks before the first label are merged label cells, not values.
  const label = trimmed
    .slice(0, start)
    .filter(cell => cell !== "")
    .join("");
  const values = trimmed.slice(start).map(cell => numberValue(cell));
  return { line, endLine, label, values };
}

function pipeCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split("|");
}

const PIPE_SEPARATOR = /^\s*\|[\s|:-]+\|?\s*$/;

/** A block of tab-cell lines: a leading tab opens a cell, other text continues one. */
function tabBlockRow(lines: readonly string[], from: number, to: number): TableRow {
  const cells: string[] = [];
  for (let i = from; i < to; i++) {
    const pieces = lines[i].split("\t");
    if (pieces[0].trim() !== "" && cells.length > 0) {
      cells[cells.length - 1] += pieces[0].trim();
    } else if (pieces[0].trim() !== "") {
      cells.push(pieces[0]);
    }
    cells.push(...pieces.slice(1));
  }
  // A trailing tab at the end of a line is a line ending, not an empty cell.
  if (cells.length > 0 && cells[cells.length - 1].trim() === "" && lines[to - 1].endsWith("\t") && !/^\s*\t\s*$/.test(lines[to - 1])) {
    cells.pop();
  }
  return rowFromCells(cells, from, to - 1);
}

function plainRow(line: string, index: number): TableRow {
  const tokens = line.trim().split(/\s+/);
  let start = tokens.length;
  while (start > 0 && isNumberToken(tokens[start - 1])) {
    start--;
  }
  return {
    line: index,
    endLine: index,
    label: tokens.slice(0, start).join(""),
    values: tokens.slice(start).map(token => numberValue(token)),
  };
}

/** A line of spaces only ends a tab block; a line holding just a tab is an empty cell. */
function isBlankLine(line: string): boolean {
  return !/[^ ]/.test(line);
}

/** Word copy puts one cell on each line behind a leading TAB; a browser copy puts a whole row on a line. */
function isCellPerLineBlock(lines: readonly string[], from: number, to: number): boolean {
  return lines.slice(from, to).every(line => !line.includes("\t") || /^ *\t[^\t]*$/.test(line));
}

/** Reads every line of the text into rows, in document order. */
export function readRows(lines: readonly string[]): TableRow[] {
  const rows: TableRow[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlankLine(line) || PIPE_SEPARATOR.test(line)) {
      i++;
    } else if (line.trim().startsWith("|")) {
      rows.push(rowFromCells(pipeCells(line), i, i));
      i++;
    } else if (line.includes("\t")) {
      // Tab cells: the block runs to the next blank line.
      let end = i + 1;
      while (end < lines.length && !isBlankLine(lines[end]) && !lines[end].trim().startsWith("|")) {
        end++;
      }
      if (isCellPerLineBlock(lines, i, end)) {
        rows.push(tabBlockRow(lines, i, end));
      } else {
        for (let row = i; row < end; row++) {
          rows.push(
            lines[row].includes("\t") ? { ...rowFromCells(lines[row].split("\t"), row, row), tabRow: "row" } : { ...plainRow(lines[row], row), tabRow: "wrap" },
          );
        }
      }
      i = end;
    } else {
      rows.push(plainRow(line, i));
      i++;
    }
  }
  return joinWrappedLabels(joinCellPerLine(rows));
}

/** A label row without values followed by lines holding one number each: one table row, one cell per line. */
function joinCellPerLine(rows: readonly TableRow[]): TableRow[] {
  const joined: TableRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let end = i + 1;
    while (end < rows.length && rows[end].label === "" && rows[end].values.length === 1 && rows[end].values[0] !== null) {
      end++;
    }
    // A note wholly in brackets ("（含自然失效 29 件）") annotates the number before it; it labels no row.
    const note = /^[（(][^（()）]*[)）]$/.test(row.label.trim());
    if (row.label !== "" && !note && row.values.length === 0 && end > i + 1) {
      joined.push({ ...row, endLine: rows[end - 1].endLine, values: rows.slice(i + 1, end).map(r => r.values[0]) });
      i = end - 1;
    } else {
      joined.push(row);
    }
  }
  return joined;
}

function openBrackets(text: string): number {
  return (text.match(/[（(]/g)?.length ?? 0) - (text.match(/[）)]/g)?.length ?? 0);
}

const NUMBERED_START = /^\s*(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、)])/;

/**
 * A label cell printed over two lines is one label: "（二）部分公开（区分处理的，"
 * / "只计这一情形…）" (brackets left open), or in a browser copy a cell with a
 * line break inside ("其他对外管" / "理服务事项\t23\t1\t64"), where the row's
 * first line holds no TAB and the TAB line does not start a new numbered label.
 * After a header row such a line may as well end the header's last cell, so
 * it is joined only after a row of values (numbers never wrap).
 */
function isWrapped(before: TableRow | undefined, previous: TableRow, row: TableRow): boolean {
  if (previous.values.length > 0 || row.label === "" || previous.endLine + 1 !== row.line) {
    return false;
  }
  const bracketWrap = openBrackets(previous.label) > 0 && openBrackets(row.label) < 0;
  const afterValues = before !== undefined && before.tabRow === "row" && before.values.length > 0 && before.endLine + 1 === previous.line;
  const browserWrap = afterValues && previous.tabRow === "wrap" && row.tabRow === "row" && !NUMBERED_START.test(row.label) && previous.label.length <= 30;
  return bracketWrap || browserWrap;
}

function joinWrappedLabels(rows: TableRow[]): TableRow[] {
  const joined: TableRow[] = [];
  for (const row of rows) {
    const previous = joined[joined.length - 1];
    if (previous && isWrapped(joined[joined.length - 2], previous, row)) {
      joined[joined.length - 1] = { ...row, line: previous.line, label: previous.label + row.label };
    } else {
      joined.push(row);
    }
  }
  return joined;
}

/** Number of non-blank values in a row. */
export function filledCount(row: TableRow): number {
  return row.values.filter(value => value !== null).length;
}

/** Drops trailing blanks beyond `width` (Markdown rows often end with an empty extra cell). */
export function fitWidth(values: Array<string | null>, width: number): Array<string | null> {
  const fitted = [...values];
  while (fitted.length > width && fitted[fitted.length - 1] === null) {
    fitted.pop();
  }
  return fitted;
}
