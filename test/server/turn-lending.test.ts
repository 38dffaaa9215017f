import type http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { whileTurnLent } from "../../src/db";
import { admission } from "../../src/server/admission";

/**
 * A request waiting for the writer (src/db/group-commit.ts waits with whileTurnLent) does no work of its own:
 * its admission turn goes to the next request meanwhile, and it takes a turn back ahead of every request not yet
 * started. A request that holds its turn while it waits keeps the others out, as before.
 */
describe("admission turns lent while a request waits for the writer", () => {
  let server: http.Server;
  let url: string;
  const gates = new Map<string, () => void>();
  const order: string[] = [];
  const gate = (name: string) => new Promise<void>(resolve => gates.set(name, resolve));
  const logged: string[] = [];
  const shedder = admission({ maxConcurrent: 1, maxQueued: 10, queueTimeoutMs: 300, requestTimeoutMs: 10_000 }, line => logged.push(line));
  // Note: logs one line per 10 s at most, so the test of that line runs first.

  beforeAll(async () => {
    const app = express();
    app.use(shedder);
    app.get("/lend/:name", async (req, res) => {
      const name = req.params.name;
      await whileTurnLent(gate(name));
      order.push(`${name} answered`);
      res.send(name);
    });
    app.get("/hold/:name", async (req, res) => {
      const name = req.params.name;
      await gate(name);
      order.push(`${name} answered`);
      res.send(name);
    });
    app.get("/quick/:name", (req, res) => {
      order.push(`${req.params.name} answered`);
      res.send(req.params.name);
    });
    server = app.listen(0, "127.0.0.1");
    await new Promise(resolve => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  beforeEach(() => {
    order.length = 0;
    gates.clear();
  });

  const get = (path: string) => fetch(`${url}${path}`).then(async response => ({ status: response.status, body: await response.text() }));
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise(resolve => setTimeout(resolve, 5));
  };

  // A stall (a whole run's requests refused after waiting) must say whether the turns' holders are slow or stuck.
  it("says, once for a burst of refusals, which requests held the turns and for how long", async () => {
    const holding = get("/hold/stuck");
    await until(() => gates.has("stuck"));
    const refused = await Promise.all([get("/quick/a"), get("/quick/b")]);
    expect(refused.map(response => response.status)).toEqual([503, 503]);
    expect(logged).toHaveLength(1);
    const held = /the turns are held by GET \/hold\/stuck for (\d+) ms$/.exec(logged[0]);
    expect(held).not.toBeNull();
    expect(Number(held![1])).toBeGreaterThanOrEqual(300);
    gates.get("stuck")!();
    expect(await holding).toEqual({ status: 200, body: "stuck" });
  });

  it("serves another request while one waits with its turn lent, but not while one holds it", async () => {
    const lending = get("/lend/writer");
    await until(() => gates.has("writer"));
    expect(await get("/quick/reader")).toEqual({ status: 200, body: "reader" });
    expect(shedder.stats().active).toBe(0);
    gates.get("writer")!();
    expect(await lending).toEqual({ status: 200, body: "writer" });

    const holding = get("/hold/holder");
    await until(() => gates.has("holder"));
    expect((await get("/quick/refused")).status).toBe(503);
    gates.get("holder")!();
    expect(await holding).toEqual({ status: 200, body: "holder" });
    expect(shedder.stats()).toMatchObject({ active: 0, queued: 0 });
  });

  it("gives a lent turn back to its request ahead of requests that have not started", async () => {
    const lending = get("/lend/writer");
    await until(() => gates.has("writer"));
    const holding = get("/hold/holder");
    await until(() => gates.has("holder"));
    const waiting = get("/quick/newcomer");
    await until(() => shedder.stats().queued === 1);
    gates.get("writer")!(); // the write is done: the writer now waits for a turn, ahead of the newcomer
    await until(() => shedder.stats().queued === 2);
    gates.get("holder")!();
    await Promise.all([lending, holding, waiting]);
    expect(order).toEqual(["holder answered", "writer answered", "newcomer answered"]);
    expect(shedder.stats()).toMatchObject({ active: 0, queued: 0 });
  });
});
