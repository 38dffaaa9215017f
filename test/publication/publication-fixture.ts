import fs from "node:fs";
import { parse } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import { AgencyEntity } from "../../src/entities";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import { CLI_ACTOR } from "../../src/services";
import type { Services } from "../../src/services";
import { SEED_TEXT } from "../support/test-services";
import { HAPPY_PATH, createTeam, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

export async function startPublicServer(services: Services): Promise<RunningServer & { base: string }> {
  const server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: { kind: "hs256", secret: new TextEncoder().encode("x".repeat(32)) } });
  return Object.assign(server, { base: server.url.replace(/\/graphql$/, "") });
}

/** Imports a report's text into a new agency (named `name`, or “<code> 局”) with a full team; returns the team and the draft's id. */
export async function importInto(
  services: Services,
  code: string,
  text: string,
  parentCode?: string,
  name?: string,
): Promise<{ team: Team; reportId: number }> {
  const team = await createTeam(services, code, parentCode);
  if (name) {
    await services.db.transaction(manager => manager.update(AgencyEntity, { code }, { name }));
  }
  const { report } = await services.imports.importText(CLI_ACTOR, { text, agencyCode: code });
  return { team, reportId: report.id };
}

/** The seed report (广州市越秀区应急管理局 2020) imported and published through the whole workflow. */
export async function publishSeed(services: Services, code = "yuexiu-emergency", parentCode?: string, name?: string) {
  const { team, reportId } = await importInto(services, code, fs.readFileSync(SEED_TEXT, "utf8"), parentCode, name);
  const report = await walk(services, team, reportId, HAPPY_PATH);
  return { team, report };
}

// --- reading the page back, the way a client would ---

export function parseHtml(text: string): Element {
  return parse(text) as unknown as Element;
}

function childrenOf(node: Node): Node[] {
  return "childNodes" in node ? node.childNodes : [];
}

export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find(a => a.name === name)?.value;
}

export function findAll(root: Node, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (node: Node) => {
    if ("tagName" in node && test(node)) found.push(node);
    // Note: parse5 keeps <template> content apart; the page has none.
    for (const child of childrenOf(node)) visit(child);
  };
  visit(root);
  return found;
}

export function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  return childrenOf(node).map(textOf).join("");
}

/** Every `data-cell` of the page: key → the cell's text, "" for a blank. */
export function pageCells(document: Element): Record<string, string> {
  return Object.fromEntries(
    findAll(document, element => attr(element, "data-cell") !== undefined).map(cell => [attr(cell, "data-cell")!, textOf(cell).trim()]),
  );
}
