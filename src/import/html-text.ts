/**
 * A saved web page as the text a browser would give when its content is
 * copied (like `innerText`): block elements on their own lines, each table
 * row on one line with its cells separated by one TAB, empty cells kept as
 * empty fields. Site navigation, scripts, styles and forms are left out.
 * Cells spanning several rows (rowspan) appear in their first row only, as
 * in a browser; the table reader does not need them repeated.
 */
import { parse } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

/** Elements whose content is never report text. */
const SKIPPED = new Set(["script", "style", "noscript", "template", "nav", "svg", "iframe", "select", "button", "form", "head", "object", "canvas"]);
const BLOCK = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "aside",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "blockquote",
  "pre",
  "caption",
  "figure",
  "figcaption",
  "address",
  "hr",
  "center",
  "body",
  "html",
]);

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

function childNodes(node: Node): Node[] {
  if (isElement(node) && node.tagName === "template") {
    return [];
  }
  return "childNodes" in node ? node.childNodes : [];
}

/** Text of one table cell on one line: inner line breaks become spaces. */
function cellText(cell: Element): string {
  const parts: string[] = [];
  walk(cell, parts);
  return parts
    .join("")
    .replace(/\s*\n\s*/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
}

function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const visit = (node: Node) => {
    for (const child of childNodes(node)) {
      if (!isElement(child)) continue;
      if (child.tagName === "tr") rows.push(child);
      else if (child.tagName !== "table") visit(child);
    }
  };
  visit(table);
  return rows;
}

function tableText(table: Element, parts: string[]): void {
  parts.push("\n");
  for (const row of tableRows(table)) {
    const cells = childNodes(row).filter((cell): cell is Element => isElement(cell) && (cell.tagName === "td" || cell.tagName === "th"));
    parts.push(cells.map(cellText).join("\t"), "\n");
  }
  parts.push("\n");
}

function walk(node: Node, parts: string[]): void {
  if (node.nodeName === "#text") {
    parts.push((node as DefaultTreeAdapterMap["textNode"]).value.replace(/\s+/g, " "));
    return;
  }
  if (!isElement(node)) {
    childNodes(node).forEach(child => walk(child, parts));
    return;
  }
  if (SKIPPED.has(node.tagName) || node.attrs.some(a => a.name === "hidden")) {
    return;
  }
  if (node.tagName === "br") {
    parts.push("\n");
  } else if (node.tagName === "table") {
    tableText(node, parts);
  } else if (BLOCK.has(node.tagName)) {
    parts.push("\n");
    childNodes(node).forEach(child => walk(child, parts));
    parts.push("\n");
  } else {
    childNodes(node).forEach(child => walk(child, parts));
  }
}

/** The page's text, one line per block and per table row. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  walk(parse(html), parts);
  return parts
    .join("")
    .split("\n")
    .map(line => (line.includes("\t") ? line.replace(/ +$/, "") : line.trim()))
    .filter((line, i, all) => line !== "" || (i > 0 && all[i - 1] !== ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

/** True when the bytes' text is an HTML document or fragment with a table. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2000).toLowerCase();
  return /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/.test(head) || (/<table[\s>]/i.test(text) && /<\/t[dh]>/i.test(text));
}
