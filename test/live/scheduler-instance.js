// One Gongkai server instance in its own process, for the scheduled-publication tests: the built server
// (dist/, made by `npm run build`, which `npm test` runs first) on DATABASE_URL, with a fast scheduler. Prints one
// JSON line per fact: {"ready":port}, {"claimed":jobId}, {"run":jobId,"result":…}. With STALL=1 it stops right
// after its first claim and holds it, so the test can kill it while it holds the claim.
"use strict";
require("reflect-metadata");
const { Database, databaseConfigFromUrl } = require("../../dist/db");
const { createServices } = require("../../dist/services");
const { startServer } = require("../../dist/server/server");

const say = fact => process.stdout.write(`${JSON.stringify(fact)}\n`);

async function main() {
  const db = await Database.open(databaseConfigFromUrl(process.env.DATABASE_URL), { migrate: false });
  const services = createServices(db);
  const server = await startServer(services, {
    port: 0,
    host: "127.0.0.1",
    tokens: { kind: "hs256", secret: new TextEncoder().encode("a-test-secret-of-at-least-32-chars!") },
    scheduler: {
      pollMs: 100,
      leaseMs: Number(process.env.LEASE_MS ?? 1500),
      instance: process.env.INSTANCE,
      onClaimed: async job => {
        say({ claimed: job.id });
        if (process.env.STALL) await new Promise(() => undefined);
      },
      onRun: (job, result) => say({ run: job.id, result }),
    },
  });
  say({ ready: server.port });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
