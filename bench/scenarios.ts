import { CACHE_CAPACITY } from "./config";
import type { Fixtures } from "./fixtures";
import type { Scenario } from "./load";
import { LIST_REPORTS, READ_REPORT, REPORT_HISTORY, STATISTICS } from "./queries";
import { globalReportId } from "./raw-report";
import { stepScenario } from "./step-load";
import type { StepLoad } from "./step-load";

export interface Tokens {
  auditor: string;
  drafters: Map<number, string>;
}

const rotate = <T>(items: T[]) => {
  let i = 0;
  return () => items[i++ % items.length];
};

/** A GraphQL POST scenario and, when `ceiling` is given, its raw twin sending the same body without authentication. */
function graphql(key: string, title: string, body: () => string, token: string, ceiling?: string, prime?: number): Scenario[] {
  const gongkai: Scenario = {
    key,
    title,
    server: "gongkai",
    prime,
    next: () => ({ body: body(), headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }),
  };
  if (!ceiling) return [gongkai];
  const raw: Scenario = {
    key: `${key}-raw`,
    title: `ceiling of (${key}): ${ceiling}`,
    server: "raw",
    prime,
    next: () => ({ body: body(), headers: { "content-type": "application/json" } }),
  };
  return [{ ...gongkai, ceiling: raw.key }, raw];
}

/**
 * Every scenario of the bench, each Gongkai scenario followed by its raw ceiling (run right after it, on the same
 * data, so each ratio compares figures measured a few seconds apart).
 */
export function buildScenarios(fixtures: Fixtures, tokens: Tokens, steps: StepLoad): Scenario[] {
  return [
    ...readScenarios(fixtures, tokens),
    mixedScenario(fixtures, tokens, steps),
    ...stepScenarios(steps, tokens),
    ...statisticsScenarios(fixtures, tokens),
    ...pageScenarios(fixtures),
  ];
}

/** Drafters stepping beside (m)'s reads: few, as at the deadline most agencies read while some submit. */
export const MIXED_STEP_CONNECTIONS = 5;

/**
 * (m): (a)'s reads while drafters take steps on the same server: every step writes an audit record, so answers
 * kept under the chain's head alone would all be computed again; a report's answer is kept while no record names
 * its agency. No ceiling: it lies between (a) (every answer kept) and (A) (none).
 */
function mixedScenario(fixtures: Fixtures, tokens: Tokens, steps: StepLoad): Scenario {
  const next = rotate(fixtures.sample);
  return {
    key: "m",
    title: `(m) (a)'s reads over ${fixtures.sample.length} reports while ${MIXED_STEP_CONNECTIONS} drafters take steps (SUBMIT / WITHDRAW) — AUDITOR`,
    server: "gongkai",
    next: () => ({
      body: JSON.stringify({ query: READ_REPORT, variables: { id: globalReportId(next()) } }),
      headers: { "content-type": "application/json", authorization: `Bearer ${tokens.auditor}` },
    }),
    background: { scenario: stepScenario("m-steps", "steps beside (m)", "gongkai", steps, tokens), connections: MIXED_STEP_CONNECTIONS },
  };
}

/** (a), (A), (b), (c): reads of an AUDITOR over GraphQL, each with its raw ceiling. */
function readScenarios(fixtures: Fixtures, tokens: Tokens): Scenario[] {
  const read = (ids: number[]) => {
    const next = rotate(ids);
    return () => JSON.stringify({ query: READ_REPORT, variables: { id: globalReportId(next()) } });
  };
  const listYear = rotate(fixtures.years);
  const historyId = rotate(fixtures.history);
  const rawRead = "the same read, node:http + the driver, same SQL, same caches (contents per version, answers per chain head)";
  return [
    ...graphql(
      "a",
      `(a) report(id) full read — AUDITOR, rotating over ${fixtures.sample.length} reports (fewer than the caches' ${CACHE_CAPACITY.toLocaleString("en")})`,
      read(fixtures.sample),
      tokens.auditor,
      rawRead,
    ),
    ...graphql(
      "A",
      `(A) report(id) full read — AUDITOR, rotating over all ${fixtures.all.length} reports (more than the caches hold)`,
      read(fixtures.all),
      tokens.auditor,
      rawRead,
    ),
    ...graphql(
      "b",
      "(b) reports(year, first: 100) list page — AUDITOR of the top agency",
      () => JSON.stringify({ query: LIST_REPORTS, variables: { year: listYear() } }),
      tokens.auditor,
      "the same page: subtree as a query, same caches (answers per chain head)",
      fixtures.years.length,
    ),
    ...graphql(
      "c",
      "(c) report.history of one report — AUDITOR",
      () => JSON.stringify({ query: REPORT_HISTORY, variables: { id: globalReportId(historyId()) } }),
      tokens.auditor,
      "the same keyset SELECT of the report's audit records, histories and answers kept as the server keeps them",
    ),
  ];
}

/** (d) and its ceiling: SUBMIT/WITHDRAW steps of drafters. */
function stepScenarios(steps: StepLoad, tokens: Tokens): Scenario[] {
  return [
    { ...stepScenario("d", "(d) workflow steps SUBMIT / WITHDRAW with expectedVersion — DRAFTER", "gongkai", steps, tokens), ceiling: "d-raw" },
    stepScenario(
      "d-raw",
      "ceiling of (d): the same step in plain SQL, grouped commits (one transaction per group, a savepoint per step)",
      "raw",
      steps,
      tokens,
    ),
  ];
}

/** The supervising office's statistics of the last complete year, a static query. */
function statisticsScenarios(fixtures: Fixtures, tokens: Tokens): Scenario[] {
  const statisticsYear = fixtures.years.filter(y => y < Math.max(...fixtures.years)).at(-1) ?? fixtures.years[0];
  const statistics = JSON.stringify({
    query: STATISTICS,
    variables: { agencyId: Buffer.from(`Agency:${fixtures.top.id}`).toString("base64url"), year: statisticsYear },
  });
  return graphql(
    "statistics",
    `statistics(year: ${statisticsYear}, agencyId: top agency) — AUDITOR, static query`,
    () => statistics,
    tokens.auditor,
    "the same summary rows and the same whole answer kept per summary version and chain head, checked on every request",
  );
}

/** (p) and its ceiling: a published revision's public page. */
function pageScenarios(fixtures: Fixtures): Scenario[] {
  const page = rotate(fixtures.pages);
  return [
    {
      key: "p",
      title: "(p) public page of a published revision (HTML), no authentication",
      server: "gongkai",
      method: "GET",
      ceiling: "p-raw",
      next: () => ({ body: "", headers: {}, path: page() }),
    },
    {
      key: "p-raw",
      title: "ceiling of (p): raw node:http sending the same bytes and headers from memory",
      server: "raw-page",
      method: "GET",
      next: () => ({ body: "", headers: {}, path: page() }),
    },
  ];
}
