import http from "node:http";
import type { AddressInfo } from "node:net";
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
import { createHttpApp } from "./http-app";
import { listBuildsFor } from "./list-builds";
import type { OutboundConfig } from "./outbound-config";
import type { PublicPages } from "./public-pages";
import { attachLiveServer } from "./websocket";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Requests in progress, waiting, and refused so far by load shedding. */
  load(): { active: number; queued: number; refused: number };
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
  },
): Promise<RunningServer> {
  const apollo = createApolloServer({ introspection: process.env.GRAPHQL_INTROSPECTION !== "false", listBuilds: listBuildsFor(services.db.engine) });
  await apollo.start();
  const verifier = new TokenVerifier(options.tokens);
  const app = createHttpApp(apollo, services, verifier, options.admission);
  const pages = app.locals.publicPages as PublicPages;
  // Note: a public page already rendered for its current stamp is sent before Express (and its admission queue):
  // sending bytes kept in memory is not the work admission bounds, and the framework cost more than the page.
  const server = http.createServer((req, res) => {
    if (!pages.answerCached(req, res)) app(req, res);
  });
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
