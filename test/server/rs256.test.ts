import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from "jose";
import type { KeyLike } from "jose";
import { TokenVerifier } from "../../src/auth/tokens";

async function signed(privateKey: KeyLike, kid?: string) {
  return new SignJWT({ name: "alice", agency: "a", roles: ["DRAFTER"] })
    .setProtectedHeader({ alg: "RS256", ...(kid ? { kid } : {}) })
    .setSubject("7")
    .setIssuer("gongkai")
    .setAudience("gongkai")
    .setExpirationTime("5m")
    .sign(privateKey);
}

describe("tokens from an identity provider (RS256)", () => {
  it("verifies against a configured public key, and refuses a token signed with another key", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const other = await generateKeyPair("RS256");
    const verifier = new TokenVerifier({ kind: "rs256", publicKeyPem: await exportSPKI(publicKey) });
    expect((await verifier.verify(await signed(privateKey))).sub).toBe("7");
    await expect(verifier.verify(await signed(other.privateKey))).rejects.toMatchObject({ name: "AuthenticationError", code: "UNAUTHENTICATED" });
  });

  it("verifies against a JWKS endpoint", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const server = http.createServer((_req, res) => res.setHeader("content-type", "application/json").end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>(resolve => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const verifier = new TokenVerifier({ kind: "jwks", url: `http://127.0.0.1:${port}/jwks.json` });
      expect((await verifier.verify(await signed(privateKey, "k1"))).sub).toBe("7");
    } finally {
      server.close();
    }
  });
});
