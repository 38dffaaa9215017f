import type http from "node:http";
import type { GraphQLSchema } from "graphql";
import type { TokenVerifier } from "../auth/tokens";
import { fromGlobalId } from "../schema/node-id";
import type { Actor, Services, StoredReports } from "../services";
import { AgencyChanges } from "../services/agency-changes";
import { dataVersion } from "../services/data-version";
import { AnswerCache, CLIENT_LEFT } from "./answer-cache";
import type { KeptAnswer, Outcome } from "./answer-cache";
import { CacheableOperations } from "./cacheable-operation";
import type { ReportIdArgument, Verdict } from "./cacheable-operation";
import { actorFromRequest } from "./request-actor";
import { sessionFromCookieHeader } from "./session-cookie";

/** What the fast path already read of a request it handed on: its parsed body, or why it is not JSON. */
export const PREPARSED = Symbol("gongkai.preparsedBody");
/** The actor the fast path already established for a request it handed on. */
export const REQUEST_ACTOR = Symbol("gongkai.requestActor");
/** The data version (audit chain head) the fast path read for a request it handed on, before anything else. */
export const REQUEST_DATA_VERSION = Symbol("gongkai.requestDataVersion");
/** The rows of the reports a request names, read in the same statement as its data version. */
export const REQUEST_REPORTS = Symbol("gongkai.requestReports");

export interface PreparsedRequest extends http.IncomingMessage {
  [PREPARSED]?: { body: unknown } | { error: Error & { status: number; type: string } };
  [REQUEST_ACTOR]?: Actor;
  [REQUEST_DATA_VERSION]?: number;
  [REQUEST_REPORTS]?: StoredReports;
  body?: unknown;
}

type App = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Bodies read before Express: a GraphQL request is a few hundred bytes; imports and cell batches go the usual way. */
export const FAST_BODY_LIMIT = 64 * 1024;
const JSON_TYPE = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;
const DAY_MS = 86_400_000;
/** Beijing is UTC+8 all year: due dates and `overdue` turn at its midnight. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** What a computed answer is kept under: the data version, and the agencies it reads alone (null: anything). */
type Basis = Pick<KeptAnswer, "version" | "agencies"> & { reports?: StoredReports };

interface GraphQLBody {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * GraphQL answers kept per process and sent again before Express and Apollo while the data stays as it was. A
 * POST /graphql of a kept kind of query (CacheableOperations) is answered from the AnswerCache when the same reader
 * sent the same request on the same day at the current data version (the audit chain's head, read for every
 * request); otherwise Express and Apollo answer it as always, and a complete answer without errors is kept. The
 * reader is established exactly as Express's path does (token, session cookie or anonymous), so a revoked token or
 * a deactivated user is refused from the next request on; what a reader may see is decided by the resolvers that
 * computed the kept answer for that same reader.
 */
export class GraphqlFastPath {
  private readonly answers = new AnswerCache();
  private readonly operations: CacheableOperations;
  private readonly changes: AgencyChanges;
  /** Requests answered from kept answers so far (diagnostics and tests). */
  private hits = 0;

  constructor(
    private readonly services: Services,
    private readonly verifier: TokenVerifier,
    schema: GraphQLSchema,
  ) {
    this.operations = new CacheableOperations(schema);
    this.changes = new AgencyChanges(services.db);
  }

  /**
   * A POST to /graphql with a JSON body of a stated, small length, from an API client (bearer token) or the public:
   * read it here. The console's requests (its session cookie, no token) go the usual way.
   */
  accepts(req: http.IncomingMessage): boolean {
    if (req.method !== "POST" || req.url !== "/graphql") return false;
    // Note: with the console's requests kept too, the browser walk (test/console/console-walk.test.ts) timed out on
    // a screen in three of four full test runs under load (never alone, never with ANSWER_CACHE=off); until that
    // is understood the console is served as before.
    if (!req.headers.authorization && sessionFromCookieHeader(req.headers.cookie)) return false;
    const type = req.headers["content-type"];
    if (!type || !JSON_TYPE.test(type)) return false;
    const length = Number(req.headers["content-length"]);
    return Number.isInteger(length) && length > 0 && length <= FAST_BODY_LIMIT;
  }

  /** Answers from the cache, or hands the request (its body already read and parsed) to `app`. */
  async serve(req: PreparsedRequest, res: http.ServerResponse, app: App): Promise<void> {
    let text: string;
    try {
      text = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const parsed = parseJson(text);
    req[PREPARSED] = parsed;
    const body = "body" in parsed ? parsed.body : undefined;
    const verdict = isCacheableBody(body) ? this.operations.judge(body.query, body.operationName ?? undefined) : null;
    if (!verdict || !isCacheableBody(body)) return app(req, res);
    let actor: Actor;
    let basis: Basis;
    let key: string;
    try {
      actor = await actorFromRequest(header(req.headers.authorization), this.verifier, this.services, sessionFromCookieHeader(req.headers.cookie));
      req[REQUEST_ACTOR] = actor;
      key = answerKey(actor, header(req.headers.accept), body);
      basis = await this.basis(verdict, body.variables, !this.answers.latest(key));
      req[REQUEST_DATA_VERSION] = basis.version;
      req[REQUEST_REPORTS] = basis.reports;
    } catch {
      // Note: Express's path establishes the reader again and answers the refusal (401, 503) as it always does.
      return app(req, res);
    }
    const good = await this.stillGood(key, basis.version);
    if (good) return this.send(res, good);
    // Note: no await between looking for a computation in progress and registering one, or two would start.
    for (let running = this.answers.inProgress(key, basis.version); running; running = this.answers.inProgress(key, basis.version)) {
      const outcome = await running;
      if (outcome === null) return app(req, res);
      if (outcome !== CLIENT_LEFT) return this.send(res, outcome);
      // Note: the computing request's client left (a timeout, say): the first waiter computes instead — all of
      // them at once would be the herd that made clients time out (50 list pages built together, measured).
      if (req.socket.destroyed) return;
    }
    // Note: a client that left meanwhile gets nothing computed: its closed response would never end the
    // computation its waiters wait for (nor give back an admission turn, src/server/admission.ts).
    if (res.closed) return;
    keepAnswer(res, basis, this.answers.begin(key, basis.version));
    app(req, res);
  }

  /**
   * The data version now and, for a report(id) read, the agencies it reads and — when it will be computed
   * (`computing`: no answer is kept for it) — the rows and contents it will read, in one statement.
   */
  private async basis(verdict: NonNullable<Verdict>, variables: GraphQLBody["variables"], computing: boolean): Promise<Basis> {
    const ids = verdict.byAgency?.map(argument => reportId(argument, variables)) ?? [];
    const named = ids.every((id): id is number => id !== null);
    const { version, agencies, reports, contents } = await dataVersion(this.services.db, named ? ids : [], computing);
    if (!verdict.byAgency || !named) return { version, agencies: null };
    return { version, agencies, reports: computing ? { ids, rows: reports, contents } : undefined };
  }

  private send(res: http.ServerResponse, answer: KeptAnswer): void {
    this.hits++;
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  /** The answer kept for key if it is good at `version`: computed at it, or reading only agencies unchanged since. */
  private async stillGood(key: string, version: number): Promise<KeptAnswer | undefined> {
    const kept = this.answers.latest(key);
    if (!kept || kept.version === version) return kept;
    if (!kept.agencies || kept.version > version) return undefined;
    await this.changes.readUpTo(version);
    return this.changes.unchangedSince(kept.version, kept.agencies) ? kept : undefined;
  }

  /** Answers sent from what was kept, and what is kept now. */
  stats(): { hits: number; entries: number; weight: number } {
    return { hits: this.hits, ...this.answers.size };
  }
}

/** The request body as text; refuses more than its stated length. */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > FAST_BODY_LIMIT) req.destroy(new Error("body longer than stated"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** As express.json (strict) parses: an object or array, else the same 400 its error handler answers. */
function parseJson(text: string): { body: unknown } | { error: Error & { status: number; type: string } } {
  const first = /^[\s\uFEFF]*(.)/.exec(text)?.[1];
  try {
    if (first !== "{" && first !== "[") throw new SyntaxError("not an object or array");
    return { body: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: Object.assign(error as Error, { status: 400, type: "entity.parse.failed" }) };
  }
}

function isCacheableBody(body: unknown): body is GraphQLBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { query, operationName, variables, extensions } = body as Record<string, unknown>;
  if (typeof query !== "string" || !harmlessExtensions(extensions)) return false;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return false;
  return variables === undefined || variables === null || (typeof variables === "object" && !Array.isArray(variables));
}

/**
 * Extensions that do not change the answer: none, or Apollo Client's `clientLibrary` (its name and version, sent
 * with every operation). Anything else — a persisted query's hash above all — goes the usual way.
 */
function harmlessExtensions(extensions: unknown): boolean {
  if (extensions === undefined || extensions === null) return true;
  return typeof extensions === "object" && !Array.isArray(extensions) && Object.keys(extensions).every(name => name === "clientLibrary");
}

/** Who reads (the answer is computed for them), which day it is in UTC and in Beijing, what they accept, what they ask. */
function answerKey(actor: Actor, accept: string | undefined, body: GraphQLBody): string {
  const reader = actor.kind === "user" ? `u${actor.userId}:${actor.agencyId}:${actor.roles.join(",")}` : actor.kind;
  const now = Date.now();
  const days = `${Math.floor(now / DAY_MS)}:${Math.floor((now + BEIJING_OFFSET_MS) / DAY_MS)}`;
  return [reader, days, accept ?? "", body.operationName ?? "", JSON.stringify(body.variables ?? null), body.query].join("\u0000");
}

function reportId(argument: ReportIdArgument, variables: GraphQLBody["variables"]): number | null {
  const value = "literal" in argument ? argument.literal : variables?.[argument.variable];
  return typeof value === "string" ? fromGlobalId("Report", value) : null;
}

/**
 * Keeps what Express and Apollo send for this request, if it is a complete 200 answer without errors. If the
 * client leaves first, the waiters are released (CLIENT_LEFT) and the answer is still kept when it completes.
 */
function keepAnswer(res: http.ServerResponse, basis: Basis, finish: (outcome: Outcome) => void): void {
  let ended = false;
  let released = false;
  const end = (outcome: KeptAnswer | null) => {
    if (ended) return;
    ended = true;
    // Note: after CLIENT_LEFT, finish only keeps the answer; the waiters went on already.
    if (!released || outcome) finish(outcome);
    released = true;
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const sendEnd = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  // Note: a streamed answer (write before end) is not one this server sends for a query; it is never kept.
  res.write = ((...args: unknown[]) => {
    end(null);
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    const chunk = args[0];
    const body = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : null;
    const complete = res.statusCode === 200 && body !== null && body.startsWith('{"data"') && !res.hasHeader("set-cookie");
    end(complete ? { version: basis.version, agencies: basis.agencies, status: 200, headers: res.getHeaders(), body } : null);
    return sendEnd(...args);
  }) as typeof res.end;
  res.once("close", () => {
    if (ended || released) return;
    released = true;
    finish(CLIENT_LEFT);
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}
