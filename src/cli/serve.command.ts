import type { Command } from "commander";
import { tokenConfigFromEnv } from "../auth/token-config";
import { Database, databaseConfigFromUrl } from "../db";
import { DEMO_PASSWORD, ensureDemoPasswords, loadDemoData } from "../demo/load-demo";
import { startServer } from "../server/server";
import { createServices } from "../services";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Migrate the database and serve GraphQL (PORT, default 4000; DATABASE_URL, default data/gongkai.sqlite).")
    .option("--demo", "load the demo agencies and reports once, if the database has none")
    .option("--port <port>", "port to listen on", value => Number(value))
    .action(async (options: { demo?: boolean; port?: number }) => {
      const config = databaseConfigFromUrl(process.env.DATABASE_URL);
      const db = await Database.open(config);
      const services = createServices(db);
      if (options.demo && (await loadDemoData(services))) {
        console.log("Loaded demo data: 广州市越秀区人民政府, 越秀区应急管理局 (2020 seed report), 越秀区司法局 (2021).");
      }
      if (options.demo) {
        await ensureDemoPasswords(services);
        console.log(`Demo users (e.g. yuexiu-emergency.drafter) sign in with the demo password: ${DEMO_PASSWORD}`);
      }
      const port = options.port ?? Number(process.env.PORT ?? 4000);
      const server = await startServer(services, { port, tokens: tokenConfigFromEnv(process.env, config) });
      console.log(`Console: http://localhost:${server.port}/console/`);
      console.log(`Gongkai GraphQL ready at ${server.url} (${config.engine}${config.engine === "sqlite" ? `: ${config.file}` : ""})`);
      const stop = async () => {
        await server.close();
        await db.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
