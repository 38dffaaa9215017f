import type { Command } from "commander";
import { tokenConfigFromEnv } from "../auth/token-config";
import { Database, databaseConfigFromUrl } from "../db";
import { DEMO_PASSWORD, ensureDemoPasswords, loadDemoData } from "../demo/load-demo";
import { admissionOptionsFromEnv } from "../server/admission";
import { startServer } from "../server/server";
import { createServices } from "../services";
import { CliError, EXIT_FAILED } from "./shared";

/** A TCP port, or a one-line error saying what a port is. */
function portNumber(text: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text.trim()) || port > 65535) {
    throw new CliError(`"${text}" is not a port: give a number from 0 to 65535 (--port N or PORT=N).`, EXIT_FAILED);
  }
  return port;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Migrate the database and serve GraphQL (PORT, default 4000; DATABASE_URL, default data/gongkai.sqlite).")
    .option("--demo", "load the demo agencies and reports once, if the database has none")
    .option("--port <port>", "port to listen on", portNumber)
    .action(async (options: { demo?: boolean; port?: number }) => {
      const config = databaseConfigFromUrl(process.env.DATABASE_URL);
      // Note: every setting is read before the database opens, so a mistake ends the command at once.
      const tokens = tokenConfigFromEnv(process.env, config);
      const admission = admissionOptionsFromEnv(process.env);
      const port = options.port ?? portNumber(process.env.PORT ?? "4000");
      const db = await Database.open(config);
      const services = createServices(db);
      if (options.demo && (await loadDemoData(services))) {
        console.log("Loaded demo data: 广州市越秀区人民政府 (2021 draft), 越秀区应急管理局 (2020 seed report, published), 越秀区司法局 (2021 draft).");
      }
      if (options.demo) {
        await ensureDemoPasswords(services);
        console.log(`Demo users (e.g. yuexiu-emergency.drafter) sign in with the demo password: ${DEMO_PASSWORD}`);
      }
      const server = await startServer(services, { port, tokens, admission }).catch(async error => {
        await db.close();
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
          throw new CliError(`Port ${port} is already in use: stop the program using it, or choose another port with --port N (or PORT=N).`, EXIT_FAILED);
        }
        if ((error as NodeJS.ErrnoException).code === "EACCES") {
          throw new CliError(`Port ${port} needs privileges this user does not have: choose a port above 1023 with --port N (or PORT=N).`, EXIT_FAILED);
        }
        throw error;
      });
      console.log(`Console: http://localhost:${server.port}/console/`);
      console.log(`Gongkai GraphQL ready at ${server.url} (${config.engine}${config.engine === "sqlite" ? `: ${config.file}` : ""})`);
      const stop = async () => {
        await server.close();
        await db.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void stop());
      process.once("SIGTERM", () => void stop());
    });
}
