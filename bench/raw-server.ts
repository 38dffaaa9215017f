/**
 * The benchmark's ceiling (e): a minimal node:http server answering the
 * READ_REPORT operation from hand-written SQL on better-sqlite3.
 * Usage: node raw-server.js <sqlite file> <port>; prints "ready <port>".
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { openRawReports } from "./raw-report";

const [file, portText] = process.argv.slice(2);
const reports = openRawReports(file);

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", chunk => chunks.push(chunk as Buffer));
  request.on("end", () => {
    try {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { variables: { id: string } };
      const [type, raw] = Buffer.from(variables.id, "base64url").toString("utf8").split(":");
      // Note: Apollo ends its JSON with a newline; so does this, so both send the same bytes.
      const body = `${JSON.stringify(type === "Report" ? reports.readReport(Number(raw)) : { data: { report: null } })}\n`;
      response.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
      response.end(body);
    } catch (error) {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  });
});

server.listen(Number(portText ?? 0), "127.0.0.1", () => {
  console.log(`ready ${(server.address() as AddressInfo).port}`);
});
process.once("SIGINT", () => {
  server.close();
  server.closeAllConnections();
  reports.close();
  process.exit(0);
});
