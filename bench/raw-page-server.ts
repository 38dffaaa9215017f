/**
 * The public page's ceiling: a bare node:http server sending the bytes Gongkai sent for each page (read from a
 * JSON file the bench wrote), with the same headers, and 304 on a matching If-None-Match.
 * Usage: node raw-page-server.js <pages.json> <port> [workers]; prints "ready <port>".
 */
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

const [file, portText, workersText] = process.argv.slice(2);
const workers = Number(workersText ?? 1);

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    if (++listening === workers) console.log(`ready ${address.port}`);
  });
  process.once("SIGINT", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
    process.exit(0);
  });
} else {
  const pages = new Map(Object.entries(JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { body: string; headers: Record<string, string> }>));
  const server = http.createServer((request, response) => {
    const page = pages.get(request.url ?? "");
    if (!page) {
      response.writeHead(404).end();
      return;
    }
    if (request.headers["if-none-match"] === page.headers.etag) {
      response.writeHead(304, { etag: page.headers.etag, "cache-control": page.headers["cache-control"] }).end();
      return;
    }
    response.writeHead(200, { ...page.headers, "content-length": Buffer.byteLength(page.body) });
    response.end(page.body);
  });
  server.listen(Number(portText ?? 0), "127.0.0.1", () => {
    if (!cluster.isWorker) console.log(`ready ${(server.address() as AddressInfo).port}`);
  });
  process.once("SIGINT", () => process.exit(0));
}
