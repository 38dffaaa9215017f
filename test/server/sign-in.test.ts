import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { Database, databaseConfigFromUrl } from "../../src/db";
import { AuditEventEntity } from "../../src/entities";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import { CLI_ACTOR, createServices } from "../../src/services";
import type { Services } from "../../src/services";
import { MAX_FAILED_SIGN_INS } from "../../src/services/sign-in.service";
import { childDatabaseUrl, dropChildDatabase, openTestServices } from "../support/test-services";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("a-test-secret-of-at-least-32-chars!") };
const BIN = path.resolve(__dirname, "../../bin/gongkai.js");

/** Everything here goes over HTTP, as a browser would: JSON to /auth, the cookie back to /graphql. */
describe("sign-in for people over HTTP", () => {
  let services: Services;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    services = await openTestServices();
    await services.agencies.create(CLI_ACTOR, { code: "si", name: "登录局" });
    for (const name of ["alice", "bob", "carol", "dave"]) {
      await services.users.create(CLI_ACTOR, { name, agencyCode: "si", roles: name === "dave" ? ["ADMIN"] : ["DRAFTER"] });
      await services.signIn.setPassword(CLI_ACTOR, name, `${name}-password-1`, false);
    }
    server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS });
    base = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.close();
    await services.db.close();
  });

  const signIn = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${base}/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0];
  const graphql = async (query: string, headers: Record<string, string>, contentType = "application/json") => {
    const response = await fetch(`${base}/graphql`, { method: "POST", headers: { "content-type": contentType, ...headers }, body: JSON.stringify({ query }) });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  };
  const auditActions = async (name: string) =>
    (await services.db.read(manager => manager.find(AuditEventEntity, { order: { seq: "ASC" } })))
      .filter(event => event.diff.includes(`"name":"${name}"`))
      .map(event => event.action);

  it("signs in with name and password, sets an HttpOnly SameSite=Strict cookie the API accepts, and records it", async () => {
    const response = await signIn({ name: "alice", password: "alice-password-1" });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^gongkai_session=[\w-]{40,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).not.toContain("Secure");
    const { body } = await graphql("{ viewer { name roles } }", { cookie: cookieOf(response) });
    expect(body.data!.viewer).toEqual({ name: "alice", roles: ["DRAFTER"] });
    expect(await auditActions("alice")).toContain("auth.sign_in");
  });

  it("keeps Apollo's CSRF prevention on for cookie requests", async () => {
    const cookie = cookieOf(await signIn({ name: "alice", password: "alice-password-1" }));
    const { status, body } = await graphql("{ viewer { name } }", { cookie }, "text/plain");
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/CSRF|preflight/i);
    const form = await fetch(`${base}/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=alice&password=alice-password-1",
    });
    expect(form.status).toBe(415);
  });

  it("refuses a wrong password with 401, counts it, and locks after repeated failures even for the right password", async () => {
    for (let attempt = 1; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      expect((await signIn({ name: "bob", password: "wrong-password" })).status).toBe(401);
    }
    const locking = await signIn({ name: "bob", password: "wrong-password" });
    expect(locking.status).toBe(423);
    const right = await signIn({ name: "bob", password: "bob-password-1" });
    expect(right.status).toBe(423);
    expect(((await right.json()) as { code: string }).code).toBe("LOCKED");
    expect(right.headers.get("set-cookie")).toBeNull();
    const actions = await auditActions("bob");
    expect(actions.filter(action => action === "auth.sign_in_failed")).toHaveLength(MAX_FAILED_SIGN_INS + 1);
    expect(actions).not.toContain("auth.sign_in");
  });

  it("answers an unknown name exactly like a wrong password, and records the attempt", async () => {
    const response = await signIn({ name: "mallory", password: "whatever-1" });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe("INVALID_CREDENTIALS");
    expect(await auditActions("mallory")).toEqual(["auth.sign_in_failed"]);
  });

  it("signs out: the cookie is cleared, the session stops working, the sign-out is recorded", async () => {
    const cookie = cookieOf(await signIn({ name: "carol", password: "carol-password-1" }));
    const out = await fetch(`${base}/auth/sign-out`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: "{}" });
    expect(out.headers.get("set-cookie")).toMatch(/gongkai_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await graphql("{ viewer { name } }", { cookie });
    expect(after.status).toBe(401);
    expect(after.body.errors![0].extensions.code).toBe("UNAUTHENTICATED");
    expect(await auditActions("carol")).toEqual(["user.create", "user.password.set", "auth.sign_in", "auth.sign_out"]);
  });

  it("forces a change of a password an ADMIN set, then signs in with the new one", async () => {
    const admin = cookieOf(await signIn({ name: "dave", password: "dave-password-1" }));
    const reset = await graphql(
      `mutation { userPasswordReset(input: { name: "carol", password: "temporary-123" }) { user { name } userErrors { code message } } }`,
      { cookie: admin },
    );
    expect(reset.body.data!.userPasswordReset).toEqual({ user: { name: "carol" }, userErrors: [] });
    const first = await signIn({ name: "carol", password: "temporary-123" });
    expect(first.status).toBe(403);
    expect(((await first.json()) as { code: string }).code).toBe("PASSWORD_CHANGE_REQUIRED");
    expect(first.headers.get("set-cookie")).toBeNull();
    const changed = await signIn({ name: "carol", password: "temporary-123", newPassword: "carol-new-password" });
    expect(changed.status).toBe(200);
    expect((await signIn({ name: "carol", password: "carol-new-password" })).status).toBe(200);
  });

  it("lets an ADMIN list the agency's users and replace a user's roles, recorded in the audit trail", async () => {
    const admin = cookieOf(await signIn({ name: "dave", password: "dave-password-1" }));
    const listed = await graphql("{ users { nodes { name roles active } } }", { cookie: admin });
    expect(listed.body.data!.users.nodes.map((user: { name: string }) => user.name)).toEqual(["alice", "bob", "carol", "dave"]);
    const set = await graphql(`mutation { userRolesSet(input: { name: "alice", roles: [DRAFTER, AUDITOR] }) { user { name roles } userErrors { code } } }`, {
      cookie: admin,
    });
    expect(set.body.data!.userRolesSet).toEqual({ user: { name: "alice", roles: ["DRAFTER", "AUDITOR"] }, userErrors: [] });
    expect(await auditActions("alice")).toContain("user.roles.set");
    const drafter = cookieOf(await signIn({ name: "carol", password: "carol-new-password" }));
    const refused = await graphql("{ users { nodes { name } } }", { cookie: drafter });
    expect(refused.body.errors![0].extensions.code).toBe("FORBIDDEN");
  });

  it("still accepts bearer tokens", async () => {
    const alice = await services.users.findByName("alice");
    const token = await issueToken(TOKENS, { sub: String(alice!.id), name: "alice", agency: "si", roles: ["DRAFTER"] });
    const { body } = await graphql("{ viewer { name } }", { authorization: `Bearer ${token}` });
    expect(body.data!.viewer).toEqual({ name: "alice" });
  });

  it("sets Secure on the cookie behind TLS (a proxy trusted with TRUST_PROXY)", async () => {
    process.env.TRUST_PROXY = "loopback";
    const behindTls = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS });
    delete process.env.TRUST_PROXY;
    try {
      const response = await fetch(`http://127.0.0.1:${behindTls.port}/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-proto": "https" },
        body: JSON.stringify({ name: "alice", password: "alice-password-1" }),
      });
      expect(response.headers.get("set-cookie")).toContain("Secure");
    } finally {
      await behindTls.close();
    }
  });
});

describe("gongkai user passwd", () => {
  it("reads one line from standard input; --temporary forces a change at the next sign-in", async () => {
    const url = childDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-passwd-")));
    const withChild = async <T>(work: (child: Services) => Promise<T>) => {
      const db = await Database.open(databaseConfigFromUrl(url));
      try {
        return await work(createServices(db));
      } finally {
        await db.close();
      }
    };
    const run = (args: string[], input: string) =>
      spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8", env: { ...process.env, DATABASE_URL: url } });
    try {
      await withChild(async child => {
        await child.agencies.create(CLI_ACTOR, { code: "pw", name: "密码局" });
        await child.users.create(CLI_ACTOR, { name: "erin", agencyCode: "pw", roles: ["DRAFTER"] });
      });
      const set = run(["user", "passwd", "erin", "--temporary"], "first-password\nignored second line\n");
      expect(set.stdout).toContain("temporary");
      expect(set.status).toBe(0);
      expect(run(["user", "passwd", "erin"], "short\n").status).toBe(1);
      const request = { id: "t", address: null };
      await withChild(async child => {
        expect(await child.signIn.signIn("erin", "ignored second line", request)).toMatchObject({ kind: "refused" });
        expect(await child.signIn.signIn("erin", "first-password", request)).toEqual({ kind: "password-change-required" });
        expect(await child.signIn.signIn("erin", "first-password", request, "second-password")).toMatchObject({ kind: "signed-in" });
      });
    } finally {
      await dropChildDatabase(url);
    }
  });
});
