import { SignJWT } from "jose";
import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import { CLI_ACTOR } from "../../src/services";
import type { Services } from "../../src/services";
import { openTestServices } from "../support/test-services";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("a-test-secret-of-at-least-32-chars!") };

describe("authentication over HTTP", () => {
  let services: Services;
  let server: RunningServer;
  let userId: number;

  beforeAll(async () => {
    services = await openTestServices();
    await services.agencies.create(CLI_ACTOR, { code: "auth", name: "认证局" });
    userId = (await services.users.create(CLI_ACTOR, { name: "alice", agencyCode: "auth", roles: ["DRAFTER"] })).id;
    await services.users.create(CLI_ACTOR, { name: "bob", agencyCode: "auth", roles: ["DRAFTER"] });
    server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS });
  });

  afterAll(async () => {
    await server.close();
    await services.db.close();
  });

  const ask = async (query: string, authorization?: string) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (authorization) headers.authorization = authorization;
    const response = await fetch(server.url, { method: "POST", headers, body: JSON.stringify({ query }) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const token = (name: string, id: number, expiresIn = "1h") => issueToken(TOKENS, { sub: String(id), name, agency: "auth", roles: ["DRAFTER"] }, expiresIn);

  it("knows the viewer from a valid token", async () => {
    const { body } = await ask("{ viewer { name roles agency { code } } }", `Bearer ${await token("alice", userId)}`);
    expect(body.data.viewer).toEqual({ name: "alice", roles: ["DRAFTER"], agency: { code: "auth" } });
  });

  it("treats a request without a token as anonymous, who may not write", async () => {
    expect((await ask("{ viewer { name } }")).body.data.viewer).toBeNull();
    const { body } = await ask(`mutation { reportCreate(input: { agencyId: "x", year: 2021 }) { userErrors { code } } }`);
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it.each([
    [
      "a forged token",
      async () =>
        new SignJWT({})
          .setProtectedHeader({ alg: "HS256" })
          .setSubject(String(userId))
          .setIssuer("gongkai")
          .setAudience("gongkai")
          .setExpirationTime("1h")
          .sign(new TextEncoder().encode("another-secret-another-secret-xx")),
    ],
    [
      "an expired token",
      async () =>
        new SignJWT({ name: "alice", agency: "auth", roles: ["DRAFTER"] })
          .setProtectedHeader({ alg: "HS256" })
          .setSubject(String(userId))
          .setIssuer("gongkai")
          .setAudience("gongkai")
          .setIssuedAt()
          .setExpirationTime("-1m")
          .sign((TOKENS as { secret: Uint8Array }).secret),
    ],
    ["a token that is not a JWT", async () => "not-a-token"],
  ])("refuses %s with 401 UNAUTHENTICATED", async (_case, make) => {
    const { status, body } = await ask("{ viewer { name } }", `Bearer ${await make()}`);
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("stops accepting a deactivated user's token at once", async () => {
    const bob = (await services.users.findByName("bob"))!;
    const bobToken = `Bearer ${await token("bob", bob.id)}`;
    expect((await ask("{ viewer { name } }", bobToken)).body.data.viewer.name).toBe("bob");
    await services.users.setActive(CLI_ACTOR, "bob", false);
    expect((await ask("{ viewer { name } }", bobToken)).status).toBe(401);
  });
});
