import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { admission } from "../../src/server/admission";

/**
 * A request whose client left before it reached the admission gate (the server's fast path reads the chain head
 * first; a client's timeout, or the bench's load ending, can come meanwhile) must not take a turn: its response
 * is already closed, so no "finish" or "close" would ever give the turn back. Four such requests held every turn
 * for good — the PostgreSQL (A) stall of sessions 14–17: every later request refused after waiting 3 s.
 */
describe("admission and a client that left before its request reached the gate", () => {
  let server: http.Server;
  let port: number;
  let openGate: () => void = () => undefined;
  let arrived: () => void = () => undefined;
  const answered: string[] = [];
  const shedder = admission({ maxConcurrent: 1, maxQueued: 10, queueTimeoutMs: 300, requestTimeoutMs: 10_000 }, () => undefined);

  beforeAll(async () => {
    const app = express();
    // Stands for the fast path's work before Express's own middleware: the request waits here for the gate.
    app.use("/slow", (_req, _res, next) => {
      arrived();
      void new Promise<void>(resolve => (openGate = resolve)).then(() => next());
    });
    app.use(shedder);
    app.get("/:path/:name", (req, res) => {
      answered.push(req.params.name);
      res.send(req.params.name);
    });
    server = app.listen(0, "127.0.0.1");
    await new Promise(resolve => server.once("listening", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  it("takes no turn, does not run it, and serves the next request", async () => {
    const atGate = new Promise<void>(resolve => (arrived = resolve));
    const request = http.get({ host: "127.0.0.1", port, path: "/slow/gone" });
    request.on("error", () => undefined);
    await atGate;
    request.destroy();
    await new Promise(resolve => setTimeout(resolve, 50));
    openGate();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(shedder.stats().active).toBe(0);
    expect(answered).toEqual([]);
    const next = await fetch(`http://127.0.0.1:${port}/fast/next`);
    expect({ status: next.status, body: await next.text() }).toEqual({ status: 200, body: "next" });
  });
});
