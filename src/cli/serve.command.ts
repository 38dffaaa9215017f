import os from "node:os";
import type { Command } from "commander";
import type { TokenConfig } from "../auth/token-config";
import { tokenConfigFromEnv } from "../auth/token-config";
import { Database, databaseConfigFromUrl } from "../db";
import type { DatabaseConfig } from "../db";
import { DEMO_PASSWORD, ensureDemoPasswords, loadDemoData } from "../demo/load-demo";
import { schedulerOptionsFromEnv } from "../live/scheduler";
import { admissionOptionsFromEnv } from "../server/admission";
import type { AdmissionOptions } from "../server/admission";
import { clusterWriterTurn, isClusterWorker, leaveCluster, superviseWorkers } from "../server/cluster";
import { heapGrowingPercentFromEnv, limitHeapGrowth } from "../server/heap-growth";
import { outboundConfigFromEnv } from "../server/outbound-config";
import type { OutboundConfig } from "../server/outbound-config";
import { startServer } from "../server/server";
import { createServices } from "../services";
import type { Services } from "../services";
import { CliError, EXIT_FAILED } from "./shared";

/** A TCP port, or a one-line error saying what a port is. */
function portNumber(text: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text.trim()) || port > 65535) {
    throw new CliError(`"${text}" is not a port: give a number from 0 to 65535 (--port N or PORT=N).`, EXIT_FAILED);
  }
  return port;
}

/** A worker count: a whole number from 1 to 64. */
function workerCount(text: string): number {
  const count = Number(text);
  if (!/^\d{1,2}$/.test(text.trim()) || count < 1 || count > 64) {
    throw new CliError(`"${text}" is not a number of workers: give a whole number from 1 to 64 (--workers N).`, EXIT_FAILED);
  }
  return count;
}

interface ServeOptions {
  demo?: boolean;
  port?: number;
  workers?: number;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Migrate the database and serve GraphQL (PORT, default 4000; DATABASE_URL, default data/gongkai.sqlite).")
    .option("--demo", "load the demo agencies and reports once, if the database has none")
    .option("--port <port>", "port to listen on", portNumber)
    .option("--workers <n>", `processes serving the port (node:cluster), default the number of CPUs (${os.availableParallelism()})`, workerCount)
    .action(async (options: ServeOptions) => {
      const config = databaseConfigFromUrl(process.env.DATABASE_URL);
      // Note: every setting is read before the database opens, so a mistake ends the command at once.
      const tokens = tokenConfigFromEnv(process.env, config);
      const admission = admissionOptionsFromEnv(process.env);
      const heapGrowingPercent = heapGrowingPercentFromEnv(process.env);
      const outbound = outboundConfigFromEnv(process.env);
      const port = options.port ?? portNumber(process.env.PORT ?? "4000");
      const inMemory = config.engine === "sqlite" && config.file === ":memory:";
      if (inMemory && (options.workers ?? 1) > 1) {
        throw new CliError("An in-memory SQLite database belongs to one process: use --workers 1, a database file or PostgreSQL.", EXIT_FAILED);
      }
      const workers = inMemory ? 1 : (options.workers ?? os.availableParallelism());
      if (isClusterWorker()) {
        // Note: a worker that cannot serve (port in use…) lets go of the primary, so it can exit with its error.
        await serveInThisProcess(config, { port, tokens, admission, outbound, heapGrowingPercent, migrate: false, announce: false }).catch(error => {
          leaveCluster();
          throw error;
        });
        return;
      }
      if (workers === 1) {
        await serveInThisProcess(config, { port, tokens, admission, outbound, heapGrowingPercent, migrate: true, announce: true, demo: options.demo });
        return;
      }
      // Note: migrations and the demo data run once, here, before any worker opens the database.
      const db = await Database.open(config);
      await loadDemo(options.demo, createServices(db));
      await db.close();
      superviseWorkers(workers, shared => console.log(`${readyLine(shared, config)}, ${workers} workers`));
    });
}

function readyLine(port: number, config: DatabaseConfig): string {
  return `Gongkai GraphQL ready at http://localhost:${port}/graphql (${config.engine}${config.engine === "sqlite" ? `: ${config.file}` : ""})`;
}

async function loadDemo(demo: boolean | undefined, services: Services): Promise<void> {
  if (!demo) return;
  if (await loadDemoData(services)) {
    console.log("Loaded demo data: 广州市越秀区人民政府 (2021 draft), 越秀区应急管理局 (2020 seed report, published), 越秀区司法局 (2021 draft).");
  }
  await ensureDemoPasswords(services);
  console.log(`Demo users (e.g. yuexiu-emergency.drafter) sign in with the demo password: ${DEMO_PASSWORD}`);
}

interface ProcessOptions {
  port: number;
  tokens: TokenConfig;
  admission: AdmissionOptions;
  outbound: OutboundConfig;
  heapGrowingPercent: number;
  migrate: boolean;
  announce: boolean;
  demo?: boolean;
}

/** One process serving the port: the whole server with one worker, or one worker of a cluster. */
async function serveInThisProcess(config: DatabaseConfig, options: ProcessOptions): Promise<void> {
  const { port, tokens, admission } = options;
  limitHeapGrowth(options.heapGrowingPercent);
  const db = await Database.open(config, { migrate: options.migrate, writerTurn: clusterWriterTurn() ?? undefined });
  const services = createServices(db);
  await loadDemo(options.demo, services);
  const scheduler = schedulerOptionsFromEnv(process.env);
  const server = await startServer(services, { port, tokens, admission, outbound: options.outbound, scheduler }).catch(async error => {
    await db.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new CliError(`Port ${port} is already in use: stop the program using it, or choose another port with --port N (or PORT=N).`, EXIT_FAILED);
    }
    if ((error as NodeJS.ErrnoException).code === "EACCES") {
      throw new CliError(`Port ${port} needs privileges this user does not have: choose a port above 1023 with --port N (or PORT=N).`, EXIT_FAILED);
    }
    throw error;
  });
  if (options.announce) {
    console.log(`Console: http://localhost:${server.port}/console/`);
    console.log(readyLine(server.port, config));
  }
  const stop = async () => {
    await server.close();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}
