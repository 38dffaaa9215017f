import { createHash } from "node:crypto";
import type { DataSource } from "typeorm";

/** A statement text is prepared once it has been sent this many times by the process (one-off texts stay unnamed). */
const SEEN_BEFORE_NAMING = 3;
/** Texts counted per process, and statements prepared per connection: bounded, so generated SQL cannot grow them. */
const TEXTS_COUNTED = 5_000;
const NAMED_PER_CONNECTION = 300;

interface PgClient {
  query: (...args: unknown[]) => unknown;
  [NAMED]?: Set<string>;
}
interface PgPool {
  on(event: "acquire", listener: (client: PgClient) => void): void;
}

const NAMED = Symbol("namedStatements");

/**
 * PostgreSQL parses and plans an unnamed statement on every execution; a named (prepared) one once per
 * connection. TypeORM sends every statement unnamed, so each pooled client's `query` is wrapped here: a
 * parameterised text the process sends repeatedly goes out with a name derived from its text (the same text,
 * the same name on every connection — node-postgres prepares it on first use per connection). Statements inside
 * transactions and results are unchanged; only the protocol's Parse step is skipped after the first time.
 */
export function namePostgresStatements(dataSource: DataSource): void {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return;
  const seen = new Map<string, number>();
  pool.on("acquire", client => {
    if (client[NAMED]) return;
    const named = new Set<string>();
    client[NAMED] = named;
    const query = client.query.bind(client);
    client.query = (...args: unknown[]) => {
      const [text, values] = args;
      if (args.length !== 2 || typeof text !== "string" || !Array.isArray(values) || values.length === 0) return query(...args);
      const count = (seen.get(text) ?? 0) + 1;
      if (count <= SEEN_BEFORE_NAMING) {
        if (seen.size >= TEXTS_COUNTED && !seen.has(text)) seen.delete(seen.keys().next().value!);
        seen.set(text, count);
        return query(text, values);
      }
      const name = `g${createHash("sha1").update(text).digest("base64url")}`;
      if (!named.has(name) && named.size >= NAMED_PER_CONNECTION) return query(text, values);
      named.add(name);
      return query({ name, text, values });
    };
  });
}
