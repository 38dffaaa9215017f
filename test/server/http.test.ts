import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { Services } from "../../src/services";
import { openTestServices } from "../support/test-services";

describe("the HTTP server", () => {
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

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  it("answers GraphQL over HTTP", async () => {
    const response = await post(JSON.stringify({ query: "{ formats { id } }" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { formats: [{ id: "gb2019" }, { id: "gb2021" }] } });
  });

  it("serves its own explorer page, with nothing loaded from another host", async () => {
    const html = await (await fetch(server.url.replace("/graphql", "/"))).text();
    expect(html).toContain("/graphql");
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
  });

  it("refuses an oversized body with 413 and a JSON message, not a stack trace", async () => {
    const body = JSON.stringify({ query: "{ formats { id } }", variables: { x: "字".repeat(10 * 1024 * 1024) } });
    const response = await post(body);
    expect(response.status).toBe(413);
    const json = (await response.json()) as any;
    expect(json.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(JSON.stringify(json)).not.toMatch(/at .*\.js:\d+/);
  });

  it("refuses malformed JSON with 400", async () => {
    const response = await post("{not json");
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("refuses a query with more aliases than the limit", async () => {
    const deep = `{ formats { tables { columns { id } } } ${"a: formats { id } ".repeat(20)} }`;
    const response = await post(JSON.stringify({ query: deep }));
    const json = (await response.json()) as any;
    expect(json.errors?.length).toBeGreaterThan(0);
    expect(json.data).toBeUndefined();
  });
});
