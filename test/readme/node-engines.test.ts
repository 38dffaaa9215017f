import fs from "node:fs";
import path from "node:path";
import semver from "semver";

/**
 * The README promises Node.js ≥ 20.19 (issue 9, point 8): package.json says so, and nothing that
 * `npm ci` installs from the lock file asks for more — `npm install` warned EBADENGINE while
 * @whatwg-node/promise-helpers 2.x (Node ≥ 22.15) came in through @apollo/server.
 */
const ROOT = path.resolve(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
const oldest = semver.minVersion(pkg.engines.node)!.version;

describe("the Node.js versions the README promises", () => {
  it("states the same oldest version in the README as in package.json engines", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const [major, minor] = oldest.split(".");
    expect(readme).toContain(`Node.js ≥ ${major}.${minor}`);
  });

  it("installs no package whose engines exclude the oldest promised version", () => {
    const refusing = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } }>)
      .filter(([name, entry]) => name && typeof entry.engines?.node === "string")
      .filter(([, entry]) => !semver.satisfies(oldest, entry.engines!.node!))
      .map(([name, entry]) => `${name}@${entry.version} wants node ${entry.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it("runs the suite on a Node.js the README promises", () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
  });
});
