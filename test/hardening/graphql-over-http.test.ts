import fs from "node:fs";
import path from "node:path";
import { auditServer } from "graphql-http";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { Services } from "../../src/services";
import { openTestServices } from "../support/test-services";

const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

/**
 * Issue 9, point 4: graphql-http's audit of the GraphQL-over-HTTP spec. Every MUST passes; a SHOULD may be
 * missed only where the README's "GraphQL over HTTP" section names it (by its audit id) and says why.
 */
describe("the GraphQL-over-HTTP audit (graphql-http auditServer)", () => {
  let services: Services;
  let server: RunningServer;

  beforeAll(async () => {
    services = await openTestServices();
    server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: { kind: "hs256", secret: new TextEncoder().encode("x".repeat(32)) } });
  });

  afterAll(async () => {
    await server.close();
    await services.db.close();
  });

  it("passes every MUST and misses no SHOULD that the README does not justify", async () => {
    const results = await auditServer({ url: server.url });
    const section = README.slice(README.indexOf("## GraphQL over HTTP"));
    expect(section.length).toBeLessThan(README.length);
    const failures = results.filter(result => result.status === "error").map(result => `${result.id} ${result.name}`);
    expect(failures).toEqual([]);
    const unjustified = results
      .filter(result => result.status === "warn" && !section.split("\n## ")[0].includes(`\`${result.id}\``))
      .map(result => `${result.id} ${result.name}`);
    expect(unjustified).toEqual([]);
    expect(results.filter(result => result.status === "ok").length).toBeGreaterThan(20);
  });
});
