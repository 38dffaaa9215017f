import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { DataSource } from "typeorm";
import type { DataSourceOptions, EntityManager } from "typeorm";
import { entities } from "../entities";
import { migrations } from "../migrations";
import { withoutAuditChain } from "./chain-lock";
import type { DatabaseConfig } from "./config";
import { assertBeforeDeadline, yieldToEventLoop } from "./deadline";
import { GroupCommit } from "./group-commit";
import { namePostgresStatements } from "./pg-named";
import { SerialQueue } from "./serial-queue";
import type { WriterTurn } from "./writer-turn";

/**
 * The one door to the database. Every write goes through `transaction`, so a
 * change and its audit record (appendAudit, same transaction) commit or roll back together; reads go
 * through `read`. Writes are serialised per process and concurrent ones committed
 * in groups, one fsync per group (see GroupCommit); in SQLite mode reads
 * of a database file use a second, read-only connection that WAL lets run
 * beside the writer and that only ever sees committed data.
 */
export class Database {
  private readonly queue: SerialQueue | null;
  private readonly groups: GroupCommit;
  private reader: DataSource | null = null;
  private readonly commitListeners = new Set<() => void>();

  private constructor(
    readonly dataSource: DataSource,
    readonly config: DatabaseConfig,
    writerTurn: WriterTurn | null,
  ) {
    this.queue = config.engine === "sqlite" ? new SerialQueue() : null;
    // Note: PostgreSQL's groups have a queue of their own; its reads stay concurrent on the pool. Its writers wait
    // for the chain's advisory lock without blocking, so only SQLite takes the cluster's writer turn.
    const turn = config.engine === "sqlite" ? writerTurn : null;
    this.groups = new GroupCommit(dataSource, this.queue ?? new SerialQueue(), () => this.committed(), turn);
  }

  static async open(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
    if (config.engine === "postgres" && config.schema) {
      await ensurePostgresSchema(config.url, config.schema);
    }
    const dataSource = new DataSource(Object.assign(dataSourceOptions(config), queryLogging(options.onQuery)));
    await dataSource.initialize();
    const database = new Database(dataSource, config, options.writerTurn ?? null);
    if (config.engine === "sqlite") {
      beginImmediate(dataSource);
    } else {
      namePostgresStatements(dataSource);
    }
    if (options.migrate ?? true) {
      await database.migrate();
    }
    await database.openReader(options);
    return database;
  }

  get engine(): DatabaseConfig["engine"] {
    return this.config.engine;
  }

  /**
   * Runs `work` in one transaction: all of it commits, or none of it. With `retryAborted`, a transaction the
   * database aborted as a deadlock or serialization failure (PostgreSQL 40P01/40001: nothing of it was written)
   * runs again, a few times — for changes that did not ask for a version check, so a rerun on newer data is
   * what the client asked for.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.groups.run(work);
      } catch (error) {
        if (!options.retryAborted || attempt >= MAX_ATTEMPTS || !abortedByDatabase(error)) throw error;
      }
    }
  }

  /**
   * Writes of derived data only — notifications, deliveries, stream cursors, never an audit record (appending one
   * here throws). On PostgreSQL they run in a transaction of their own on a pooled connection, beside the group
   * rather than as one of its units: every step's group otherwise also carried the notification writer's and the
   * outbound deriver's batch, two units out of three at the deadline rush, each waited for by the steps behind
   * it. Without the chain's lock they cannot join a deadlock with a group: they wait for a group's locks (a report
   * row locked by a step, at most until its COMMIT) but no group waits for theirs (no unit touches rows they
   * write). SQLite has one writer, so there they join the group as any transaction does.
   */
  async derivedTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.engine !== "postgres") return this.transaction(work);
    return this.dataSource.transaction(manager => {
      withoutAuditChain(manager.queryRunner!);
      return work(manager);
    });
  }

  /**
   * Calls `listener` after every write transaction this process commits, before its caller is answered (a
   * per-process cache drops what a local write may have changed); returns the unsubscribe. Not after a
   * derived-data transaction: notifications, deliveries and cursors are in no cached answer. Other processes'
   * writes are not seen here: the event stream (src/live/event-stream.ts) carries those.
   */
  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private committed(): void {
    for (const listener of this.commitListeners) {
      try {
        listener();
      } catch {
        // Note: a listener's failure must not turn a durable commit into an error for its callers.
      }
    }
  }

  /** Runs read-only `work` on committed data; never interleaved with an open transaction. */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const begin = async (manager: EntityManager) => {
      await yieldToEventLoop();
      assertBeforeDeadline();
      return work(manager);
    };
    return this.reader ? begin(this.reader.manager) : this.serialised(() => begin(this.dataSource.manager));
  }

  /**
   * In SQLite mode on a file, opens the read-only connection `read` uses. An
   * in-memory database has no second connection: its reads queue with writes.
   */
  private async openReader(options: OpenOptions): Promise<void> {
    if (this.config.engine !== "sqlite" || this.config.file === ":memory:") return;
    const reader = new DataSource(Object.assign(dataSourceOptions(this.config), { readonly: true, enableWAL: false }, queryLogging(options.onQuery)));
    await reader.initialize();
    this.reader = reader;
  }

  /** Applies pending migrations; returns their names. */
  async migrate(): Promise<string[]> {
    const applied = await this.serialised(() => this.dataSource.runMigrations({ transaction: "each" }));
    return applied.map(migration => migration.name);
  }

  async close(): Promise<void> {
    if (this.reader?.isInitialized) {
      await this.reader.destroy();
    }
    if (this.dataSource.isInitialized) {
      await this.serialised(() => this.dataSource.destroy());
    }
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    return this.queue ? this.queue.run(work) : work();
  }
}

/**
 * Note: several processes may share one SQLite file. A deferred BEGIN reads
 * first and upgrades to a write lock later, which fails at once
 * (SQLITE_BUSY_SNAPSHOT) when another process committed meanwhile; BEGIN
 * IMMEDIATE takes the write lock up front and waits (busy timeout) instead.
 * TypeORM's better-sqlite3 driver has one shared query runner, so rewriting its
 * BEGIN covers every transaction.
 */
function beginImmediate(dataSource: DataSource): void {
  const runner = dataSource.driver.createQueryRunner("master");
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((sql: string, ...rest: unknown[]) => query(sql === "BEGIN TRANSACTION" ? "BEGIN IMMEDIATE" : sql, ...rest)) as typeof runner.query;
}

export interface TransactionOptions {
  /** Rerun the transaction when the database aborted it as a deadlock or serialization failure. */
  retryAborted?: boolean;
}

const MAX_ATTEMPTS = 5;

/** PostgreSQL's SQLSTATEs for "aborted, nothing written, try again": serialization_failure, deadlock_detected. */
const RETRYABLE_STATES = new Set(["40001", "40P01"]);

export function abortedByDatabase(error: unknown): boolean {
  const cause = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = cause?.driverError?.code ?? cause?.code;
  return typeof code === "string" && RETRYABLE_STATES.has(code);
}

export interface OpenOptions {
  migrate?: boolean;
  /** SQLite shared by the workers of a cluster: whose turn it is to write (src/db/writer-turn.ts). */
  writerTurn?: WriterTurn;
  /** Called with every SQL statement sent (tests count statements with it). */
  onQuery?: (sql: string) => void;
}

function queryLogging(onQuery?: (sql: string) => void): Partial<DataSourceOptions> {
  if (!onQuery) return {};
  const ignore = () => undefined;
  return {
    logging: ["query"],
    logger: { logQuery: onQuery, logQueryError: ignore, logQuerySlow: ignore, logSchemaBuild: ignore, logMigration: ignore, log: ignore },
  };
}

function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = { entities, migrations, migrationsTableName: "schema_migration", logging: false } as const;
  if (config.engine === "postgres") {
    // Note: unqualified names in raw SQL (the recursive agency query, tests) resolve through search_path.
    const searchPath = config.schema ? { options: `-c search_path=${config.schema}` } : {};
    return { ...common, type: "postgres", url: config.url, schema: config.schema, useUTC: true, extra: { max: 10, ...searchPath } };
  }
  if (config.file !== ":memory:") {
    fs.mkdirSync(path.dirname(config.file), { recursive: true });
  }
  return {
    ...common,
    type: "better-sqlite3",
    database: config.file,
    enableWAL: config.file !== ":memory:",
    timeout: 10_000,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // Government records: a committed change must survive a power cut.
      db.pragma("synchronous = FULL");
    },
  };
}

/** Creates the schema a DATABASE_URL names with ?schema=, so each deployment (or test run) can have its own. */
async function ensurePostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`schema must be a plain lower-case identifier, got ${schema}`);
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}
