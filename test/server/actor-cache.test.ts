import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AuthenticationError } from "../../src/auth/auth-errors";
import type { TokenConfig } from "../../src/auth/token-config";
import { TokenVerifier, issueToken } from "../../src/auth/tokens";
import { Database, databaseConfigFromUrl } from "../../src/db";
import { actorFromRequest } from "../../src/server/request-actor";
import { CLI_ACTOR, createServices } from "../../src/services";
import type { Services, UserActor } from "../../src/services";
import { childDatabaseUrl, dropChildDatabase } from "../support/test-services";
import { createTeam } from "../support/workflow-fixture";

const config: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("actor-cache-test-secret-0123456789abcdef") };

function tokenFor(user: UserActor, expiresIn = "1h"): Promise<string> {
  return issueToken(config, { sub: String(user.userId), name: user.name, agency: "a", roles: [...user.roles] }, expiresIn);
}

/** Two processes' worth of services on one database: each has its own caches, as two workers or instances do. */
describe("the cached token → actor, across instances sharing one database", () => {
  let dir: string;
  let url: string;
  let first: Services;
  let second: Services;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-actor-cache-"));
    url = childDatabaseUrl(dir);
    first = createServices(await Database.open(databaseConfigFromUrl(url)));
    second = createServices(await Database.open(databaseConfigFromUrl(url), { migrate: false }));
  });

  afterAll(async () => {
    await first.db.close();
    await second.db.close();
    await dropChildDatabase(url);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("sees a deactivation and a role change made by another instance from the next request on", async () => {
    const team = await createTeam(first, "cache-a");
    const drafter = team.DRAFTER;
    const header = `Bearer ${await tokenFor(drafter)}`;
    const verifier = new TokenVerifier(config);
    expect(await actorFromRequest(header, verifier, first)).toMatchObject({ userId: drafter.userId, roles: ["DRAFTER"] });
    expect(await actorFromRequest(header, verifier, first)).toMatchObject({ roles: ["DRAFTER"] });

    await second.users.setRoles(CLI_ACTOR, drafter.name, ["DRAFTER", "PUBLISHER"]);
    expect(await actorFromRequest(header, verifier, first)).toMatchObject({ roles: ["DRAFTER", "PUBLISHER"] });

    await second.users.setActive(CLI_ACTOR, drafter.name, false);
    await expect(actorFromRequest(header, verifier, first)).rejects.toThrow(AuthenticationError);

    await second.users.setActive(CLI_ACTOR, drafter.name, true);
    expect(await actorFromRequest(header, verifier, first)).toMatchObject({ userId: drafter.userId });
  });

  it("never answers one user's request with another user's actor", async () => {
    const a = await createTeam(first, "cache-b");
    const b = await createTeam(first, "cache-c");
    const verifier = new TokenVerifier(config);
    const [ta, tb] = [`Bearer ${await tokenFor(a.AUDITOR)}`, `Bearer ${await tokenFor(b.LEADER)}`];
    for (let i = 0; i < 3; i++) {
      const [actorA, actorB] = await Promise.all([actorFromRequest(ta, verifier, first), actorFromRequest(tb, verifier, first)]);
      expect(actorA).toMatchObject({ userId: a.AUDITOR.userId, agencyId: a.AUDITOR.agencyId, roles: ["AUDITOR"] });
      expect(actorB).toMatchObject({ userId: b.LEADER.userId, agencyId: b.LEADER.agencyId, roles: ["LEADER"] });
    }
  });
});

describe("the verified-token cache", () => {
  it("refuses a token once it has expired, though it was verified before", async () => {
    const verifier = new TokenVerifier(config);
    const token = await issueToken(config, { sub: "1", name: "x", agency: "a", roles: [] }, "1s");
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: "1" });
    await new Promise(resolve => setTimeout(resolve, 2100));
    await expect(verifier.verify(token)).rejects.toThrow(AuthenticationError);
  });

  it("refuses a token whose signature was changed after the genuine one was cached", async () => {
    const verifier = new TokenVerifier(config);
    const token = await issueToken(config, { sub: "1", name: "x", agency: "a", roles: [] }, "1h");
    await verifier.verify(token);
    const [header, payload, signature] = token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), sub: "2" })).toString("base64url");
    await expect(verifier.verify(`${header}.${forgedPayload}.${signature}`)).rejects.toThrow(AuthenticationError);
    // Note: another character than the one there (replacing it with "A" when it already was one forged nothing: 1 run in 64).
    const secondLast = signature.at(-2);
    const flipped = signature.slice(0, -2) + (secondLast === "A" ? "B" : "A") + signature.slice(-1);
    expect(flipped).not.toBe(signature);
    await expect(verifier.verify(`${header}.${payload}.${flipped}`)).rejects.toThrow(AuthenticationError);
  });
});
