import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import type { TokenConfig } from "../auth/token-config";
import { TokenVerifier } from "../auth/tokens";
import { NotificationWriter } from "../live/notifications";
import { OutboundDelivery } from "../live/outbound";
import { DeadlineReminders } from "../live/reminders";
import { Scheduler } from "../live/scheduler";
import type { SchedulerOptions } from "../live/scheduler";
import type { Services } from "../services";
import type { AdmissionOptions } from "./admission";
import { createApolloServer } from "./apollo";
import { buildGongkaiSchema } from "./build-schema";
import { GraphqlFastPath } from "./graphql-fast-path";
import { createHttpApp } from "./http-app";
import { listBuildsFor } from "./list-builds";
import type { OutboundConfig } from "./outbound-config";
import type { PublicPages } from "./public-pages";
import { attachLiveServer } from "./websocket";

/**
 * A public page already rendered for its current stamp, and a GraphQL answer kept for the same reader and request
 * at the current data version, are sent before Express (and its admission queue): sending what is kept in memory is
 * not the work admission bounds, and the framework cost more than the answer.
 */
function fastPaths(app: Express, pages: PublicPages, answers: GraphqlFastPath | null): http.RequestListener {
  return (req, res) => {
    if (pages.answerCached(req, res)) return;
    if (answers?.accepts(req)) answers.serve(req, res, app).catch(error => failed(res, error));
    else app(req, res);
  };
}

/** An error of the fast path itself (never a user's): logged, and a 500 if nothing was sent yet. */
function failed(res: http.ServerResponse, error: unknown): void {
  console.error(error);
  if (!res.headersSent)
    res
      .writeHead(500, { "content-type": "application/json; charset=utf-8" })
      .end('{"errors":[{"message":"Internal server error.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}\n');
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Requests in progress, waiting, and refused so far by load shedding. */
  load(): { active: number; queued: number; refused: number };
  /** GraphQL answers sent from the answer cache so far, and what it keeps now (all zero when it is off). */
  keptAnswers(): { hits: number; entries: number; weight: number };
}

/** Starts GraphQL over HTTP; `port` 0 picks a free port (tests). */
export async function startServer(
  services: Services,
  options: {
    port: number;
    host?: string;
    tokens: TokenConfig;
    admission?: AdmissionOptions;
    /** Webhook/e-mail policy; reminders only when given (`gongkai serve` does, from the environment). */
    outbound?: Partial<OutboundConfig>;
    /** Scheduled publication; every instance runs one unless `false` (tests that want none). */
    scheduler?: SchedulerOptions | false;
    /** GraphQL answers kept and sent again while the data is unchanged (graphql-fast-path.ts); on unless `false`. */
    answerCache?: boolean;
  },
): Promise<RunningServer> {
  const apollo = createApolloServer({ introspection: process.env.GRAPHQL_INTROSPECTION !== "false", listBuilds: listBuildsFor(services.db.engine) });
  await apollo.start();
  const verifier = new TokenVerifier(options.tokens);
  const app = createHttpApp(apollo, services, verifier, options.admission);
  const pages = app.locals.publicPages as PublicPages;
  const keepAnswers = options.answerCache ?? process.env.ANSWER_CACHE !== "off";
  const answers = keepAnswers ? new GraphqlFastPath(services, verifier, buildGongkaiSchema()) : null;
  const server = http.createServer(fastPaths(app, pages, answers));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", resolve);
  });
  // Note: after listen: a WebSocket server attached earlier would report a port in use as its own error.
  const live = attachLiveServer(server, buildGongkaiSchema(), services, verifier);
  const notifications = new NotificationWriter(services.db, services.events, services.inbox);
  await notifications.start();
  const outbound = new OutboundDelivery(services.db, services.events, services.inbox, options.outbound?.delivery);
  await outbound.start();
  const reminders = options.outbound?.reminders ? new DeadlineReminders(services.db, options.outbound.reminders) : null;
  reminders?.start();
  // Every instance (and every cluster worker) runs a scheduler; the job table's claims decide who runs what.
  const scheduler = options.scheduler === false ? null : new Scheduler(services.db, services.schedule, options.scheduler);
  scheduler?.start();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    load: app.locals.load as RunningServer["load"],
    keptAnswers: () => answers?.stats() ?? { hits: 0, entries: 0, weight: 0 },
    async close() {
      await scheduler?.stop();
      await live.close();
      await notifications.stop();
      reminders?.stop();
      await outbound.stop();
      await services.events.stop();
      const closed = new Promise<void>(resolve => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await apollo.stop();
      pages.close();
    },
  };
}
