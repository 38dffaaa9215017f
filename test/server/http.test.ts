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

  it("sends / to the console, served with a strict Content-Security-Policy and nothing from another host", async () => {
    const root = await fetch(server.url.replace("/graphql", "/"), { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/console/");
    for (const page of ["/console/", "/console/reports/x", "/console/graphiql"]) {
      const response = await fetch(server.url.replace("/graphql", page));
      expect(response.status).toBe(200);
      const csp = response.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      const html = await response.text();
      expect(html).toMatch(/<script type="module" crossorigin src="\/console\/assets\//);
      expect(html).not.toMatch(/(src|href)="https?:\/\//);
    }
    const console = await fetch(server.url.replace("/graphql", "/console/"));
    const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/=]{24})' 'report-sample';/.exec(console.headers.get("content-security-policy")!)![1];
    expect(await console.text()).toContain(`<meta name="csp-nonce" content="${nonce}"`);
    const again = await fetch(server.url.replace("/graphql", "/console/"));
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);
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
