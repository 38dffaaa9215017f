import Database from "better-sqlite3";
import { Pool } from "pg";

/**
 * The few statements the bench and its raw ceilings send, on either engine through its own driver (better-sqlite3
 * or pg), with no ORM in between. Statements are written with `?` placeholders; on PostgreSQL they become $1…$n and
 * are sent as named (prepared) statements, as a hand-written server would.
 */
export interface Sql {
  engine: "sqlite" | "postgres";
  /** Rows as plain objects; 64-bit integers arrive as numbers (SQLite) or strings (PostgreSQL). */
  all<T>(text: string, params?: unknown[]): Promise<T[]>;
  get<T>(text: string, params?: unknown[]): Promise<T | undefined>;
  /** Runs `work` in one transaction on one connection (BEGIN IMMEDIATE on SQLite). */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openSql(url: string, options: { readonly?: boolean } = {}): Sql {
  return url.startsWith("postgres") ? openPostgres(url) : openSqlite(url.replace(/^sqlite:/, ""), options.readonly ?? false);
}

function openSqlite(file: string, readonly: boolean): Sql {
  const db = new Database(file, { readonly, fileMustExist: true });
  if (!readonly) db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 10000");
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  const sql: Sql = {
    engine: "sqlite",
    all: async <T>(text: string, params: unknown[] = []) => {
      const statement = prepared(text);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    },
    get: async <T>(text: string, params: unknown[] = []) => prepared(text).get(...params) as T | undefined,
    async transaction<T>(work: (inner: Sql) => Promise<T>) {
      db.prepare("BEGIN IMMEDIATE").run();
      try {
        const result = await work(sql);
        db.prepare("COMMIT").run();
        return result;
      } catch (error) {
        if (db.inTransaction) db.prepare("ROLLBACK").run();
        throw error;
      }
    },
    close: async () => {
      db.close();
    },
  };
  return sql;
}

const TRANSACTION_CONTROL = /^(SAVEPOINT|RELEASE|ROLLBACK)\b/;

function openPostgres(url: string): Sql {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  const pool = new Pool({ connectionString: parsed.toString(), max: 10, options: schema ? `-c search_path=${schema}` : undefined });
  const names = new Map<string, string>();
  const named = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `b${names.size}`));
    let n = 0;
    return { name, text: text.replace(/\?/g, () => `$${++n}`) };
  };
  const on = (client: { query: Pool["query"] }): Sql => ({
    engine: "postgres",
    all: async <T>(text: string, params: unknown[] = []) =>
      // Note: savepoint commands go as simple queries, not as prepared statements.
      (TRANSACTION_CONTROL.test(text) ? await client.query(text) : await client.query({ ...named(text), values: params })).rows as T[],
    get: async <T>(text: string, params: unknown[] = []) => (await client.query({ ...named(text), values: params })).rows[0] as T | undefined,
    async transaction<T>(work: (inner: Sql) => Promise<T>) {
      const connection = await pool.connect();
      try {
        await connection.query("BEGIN");
        const result = await work(on(connection));
        await connection.query("COMMIT");
        return result;
      } catch (error) {
        await connection.query("ROLLBACK");
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  });
  return on(pool);
}
