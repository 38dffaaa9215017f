import fs from "node:fs";
import { SignJWT, exportSPKI, generateKeyPair } from "jose";
import type { TokenConfig } from "../../src/auth/token-config";
import { TokenVerifier, issueToken } from "../../src/auth/tokens";
import { AuditEventEntity, ReportEntity } from "../../src/entities";
import { fromGlobalId, toGlobalId } from "../../src/schema/node-id";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import { CLI_ACTOR } from "../../src/services";
import type { Services } from "../../src/services";
import { openTestApi, SEED_TEXT } from "../support/test-services";
import { createTeam } from "../support/workflow-fixture";

const SECRET = new TextEncoder().encode("identifiers-test-secret-of-32-chars!!");
const TOKENS: TokenConfig = { kind: "hs256", secret: SECRET, maxLifetimeSeconds: 3600 };
const b64 = (text: string) => Buffer.from(text).toString("base64url");

describe("identifiers (issue 9, point 6)", () => {
  it("accepts only the canonical global id of a report", () => {
    expect(fromGlobalId("Report", toGlobalId("Report", 3))).toBe(3);
    for (const variant of ["Report:0x3", "Report:3.0", "Report:1e0", "Report: 3", "Report:03", "Report:+3", "Report:3 ", "Report:3:x"]) {
      expect([variant, fromGlobalId("Report", b64(variant))]).toEqual([variant, null]);
    }
    expect(fromGlobalId("Report", `${toGlobalId("Report", 3)}=`)).toBeNull();
    expect(fromGlobalId("Agency", toGlobalId("Report", 3))).toBeNull();
  });
});

describe("tokens from an identity provider (issue 9, point 6)", () => {
  it("refuses an RS256 token without exp, or living longer than the maximum", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const verifier = new TokenVerifier({ kind: "rs256", publicKeyPem: await exportSPKI(publicKey), maxLifetimeSeconds: 3600 });
    const sign = (build: (jwt: SignJWT) => SignJWT) =>
      build(new SignJWT({ name: "x" }).setProtectedHeader({ alg: "RS256" }).setSubject("7").setIssuer("gongkai").setAudience("gongkai")).sign(privateKey);
    expect((await verifier.verify(await sign(jwt => jwt.setIssuedAt().setExpirationTime("10m")))).sub).toBe("7");
    await expect(verifier.verify(await sign(jwt => jwt.setIssuedAt()))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(verifier.verify(await sign(jwt => jwt.setIssuedAt().setExpirationTime("3h")))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("tokens and request ids over HTTP (issue 9, point 6)", () => {
  let services: Services;
  let server: RunningServer;
  let userId: number;

  beforeAll(async () => {
    const api = await openTestApi();
    services = api.services;
    await services.agencies.create(CLI_ACTOR, { code: "ids", name: "标识局" });
    userId = (await services.users.create(CLI_ACTOR, { name: "ida", agencyCode: "ids", roles: ["ADMIN"] })).id;
    await services.users.create(CLI_ACTOR, { name: "idb", agencyCode: "ids", roles: ["DRAFTER"] });
    server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS });
  });

  afterAll(async () => {
    await server.close();
    await services.db.close();
  });

  const claims = () => ({ name: "ida", agency: "ids", roles: ["ADMIN"] });
  const sign = (build: (jwt: SignJWT) => SignJWT) =>
    build(new SignJWT(claims()).setProtectedHeader({ alg: "HS256" }).setSubject(String(userId)).setIssuer("gongkai").setAudience("gongkai")).sign(SECRET);
  const viewer = async (token: string, headers: Record<string, string> = {}) => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query: "{ viewer { name } }" }),
    });
    return (await response.json()) as any;
  };

  it("refuses a token without exp, and one that lives longer than the configured maximum", async () => {
    expect((await viewer(await sign(jwt => jwt.setIssuedAt().setExpirationTime("30m")))).data.viewer).toEqual({ name: "ida" });
    const noExpiry = await viewer(await sign(jwt => jwt.setIssuedAt()));
    expect(noExpiry.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const tooLong = await viewer(await sign(jwt => jwt.setIssuedAt().setExpirationTime("2h")));
    expect(tooLong.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const tooLongNoIat = await viewer(await sign(jwt => jwt.setExpirationTime("2h")));
    expect(tooLongNoIat.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("will not issue a token longer than the maximum, or with a lifetime it cannot read", async () => {
    const user = { sub: String(userId), ...claims() };
    await expect(issueToken(TOKENS, user, "2h")).rejects.toThrow(/longer than the longest token lifetime/);
    await expect(issueToken(TOKENS, user, "1x")).rejects.toThrow(/duration such as/);
  });

  it("keeps a short safe X-Request-Id in the audit record and replaces any other with a generated one", async () => {
    const token = await issueToken(TOKENS, { sub: String(userId), ...claims() }, "10m");
    const deactivate = (name: string, requestId: string) =>
      fetch(server.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": requestId },
        body: JSON.stringify({ query: `mutation { userDeactivate(input: { name: "${name}" }) { changed } }` }),
      });
    await deactivate("idb", "<script>alert(1)</script>");
    const last = () => services.db.read(m => m.findOneOrFail(AuditEventEntity, { where: {}, order: { seq: "DESC" } }));
    const generated = (await last()).requestId!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await services.users.setActive(CLI_ACTOR, "idb", true);
    await deactivate("idb", "trace-42.a_b");
    expect((await last()).requestId).toBe("trace-42.a_b");
    await services.users.setActive(CLI_ACTOR, "idb", true);
    await deactivate("idb", "x".repeat(65));
    expect((await last()).requestId).not.toBe("x".repeat(65));
  });
});

describe("reportImport(agencyName) for a signed-in user (issue 9, point 6)", () => {
  const IMPORT = `mutation($input: ReportImportInput!) { reportImport(input: $input) { report { agency { code } } userErrors { code field message } } }`;

  it("imports into the named agency when the user may import for it, and otherwise refuses — never ignores it", async () => {
    const api = await openTestApi();
    try {
      const team = await createTeam(api.services, "importer");
      await createTeam(api.services, "elsewhere");
      const text = fs.readFileSync(SEED_TEXT, "utf8");
      const other = await api.run(IMPORT, { input: { text, agencyName: "elsewhere 局" } }, team.DRAFTER);
      expect(other.data.reportImport.userErrors).toEqual([expect.objectContaining({ code: "FORBIDDEN", field: ["input", "agencyName"] })]);
      const unknown = await api.run(IMPORT, { input: { text, agencyName: "不存在的局" } }, team.DRAFTER);
      expect(unknown.data.reportImport.userErrors).toEqual([expect.objectContaining({ code: "NOT_FOUND", field: ["input", "agencyName"] })]);
      expect(await api.services.db.read(m => m.count(ReportEntity))).toBe(0);
      const own = await api.run(IMPORT, { input: { text, agencyName: "importer 局" } }, team.DRAFTER);
      expect(own.data.reportImport).toEqual({ report: { agency: { code: "importer" } }, userErrors: [] });
    } finally {
      await api.close();
    }
  });
});
