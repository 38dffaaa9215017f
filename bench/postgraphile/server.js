// PostGraphile 4 over the same PostgreSQL tables Gongkai uses, for the benchmark comparison only.
// Usage: node server.js <postgres://…?schema=…> <port> [workers]; prints "ready <port>".
// No authentication (PostGraphile's JWT option off), no extra plugins: its default CRUD schema.
const cluster = require("node:cluster");
const http = require("node:http");
const { postgraphile } = require("postgraphile");

const [database, portText, workersText] = process.argv.slice(2);
const workers = Number(workersText || 1);

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let listening = 0;
  cluster.on("listening", (_worker, address) => {
    if (++listening === workers) console.log(`ready ${address.port}`);
  });
  process.once("SIGINT", () => {
    for (const worker of Object.values(cluster.workers || {})) worker.process.kill("SIGINT");
    setTimeout(() => process.exit(0), 500);
  });
} else {
  const url = new URL(database);
  const schema = url.searchParams.get("schema") || "public";
  url.searchParams.delete("schema");
  const middleware = postgraphile(url.toString(), schema, {
    graphqlRoute: "/graphql",
    disableQueryLog: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: true,
    retryOnInitFail: false,
  });
  const server = http.createServer(middleware);
  server.listen(Number(portText || 0), "127.0.0.1", () => {
    if (!cluster.isWorker) console.log(`ready ${server.address().port}`);
  });
  process.once("SIGINT", () => process.exit(0));
}
