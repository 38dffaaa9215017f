import { AsyncResource } from "node:async_hooks";
import type { DataSource, EntityManager, QueryRunner } from "typeorm";
import { groupChainLockEnded, groupUnitRolledBack, lockAuditChainForGroup } from "./chain-lock";
import { assertBeforeDeadline, yieldToEventLoop } from "./deadline";
import { whileTurnLent } from "./request-turn";
import type { SerialQueue } from "./serial-queue";
import type { ReleaseTurn, WriterTurn } from "./writer-turn";

/** Most transactions committed by one COMMIT: bounds how long the write lock is held and how much one failure redoes. */
const MAX_GROUP = 64;

/** The savepoint each unit of a group runs in. */
const UNIT_SAVEPOINT = "group_unit";

interface Pending {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit (issue 14): transactions that arrive while the writer is busy are run together in ONE database
 * transaction, each inside its own SAVEPOINT, and made durable by one COMMIT — one fsync for the group (SQLite with
 * `synchronous = FULL`; PostgreSQL's WAL flush) instead of one per change. On PostgreSQL every change already
 * waits for the audit chain's advisory lock, held to its commit, so a process's writes were serialised anyway;
 * grouping them on one connection only removes the flush each one waited for.
 *
 * Why this keeps every guarantee: each unit still runs alone and in arrival order on the one connection, so its
 * version check sees every earlier unit's writes and the audit chain is appended in that order; a unit that
 * throws is rolled back to its savepoint and leaves nothing; no caller is answered before the COMMIT that made
 * its change durable returns, and if that COMMIT fails, every unit of the group is refused (nothing was written).
 */
export class GroupCommit {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: SerialQueue,
    /** Called after every COMMIT that succeeded, before any unit's caller is answered. */
    private readonly committed: () => void = () => undefined,
    /** SQLite in a cluster worker: the writer's turn among the workers, taken before each group (src/db/writer-turn.ts). */
    private readonly turn: WriterTurn | null = null,
  ) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // Note: PostgreSQL: while the unit waits for its group, the request's admission turn goes to the next request,
    // which may join the same group; the unit's work itself is the writer's, done in the group. Only while the next
    // group is not yet full: beyond that, lending would only move the overload queue from admission (bounded,
    // refused early with 503) to here. Not on SQLite, whose writer works on this same thread: more requests beside
    // it only slowed it (steps/s 327 / 306 → 284 / 265 in alternating pairs).
    const lend = this.dataSource.driver.options.type === "postgres" && this.pending.length < MAX_GROUP;
    const unit = this.enqueue(work);
    return lend ? whileTurnLent(unit) : unit;
  }

  private enqueue<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Note: the unit runs inside another caller's drain; binding keeps its own request context (deadline).
      const checked = async (manager: EntityManager) => {
        // A request that waited past its time limit changes nothing.
        assertBeforeDeadline();
        return work(manager);
      };
      this.pending.push({ work: AsyncResource.bind(checked), resolve: resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = true;
    void this.queue.run(async () => {
      // Note: still `scheduled` while waiting for the writer's turn, so what arrives meanwhile joins this group.
      const release: ReleaseTurn = this.pending.length > 0 && this.turn ? await this.turn.acquire() : () => undefined;
      this.scheduled = false;
      try {
        // Note: one turn of the event loop first, so requests already read from their sockets join this group.
        await yieldToEventLoop();
        const group = this.pending.splice(0, MAX_GROUP);
        this.schedule();
        if (group.length === 0) return;
        const outcomes = await this.commitGroup(group);
        // Note: after a lost transaction the outcomes cover only the units that ran; the rest were queued again.
        outcomes.forEach((outcome, i) => (outcome.ok ? group[i].resolve(outcome.value) : group[i].reject(outcome.error)));
      } finally {
        release();
      }
    });
  }

  /** Runs the group in one transaction; returns each unit's outcome once the COMMIT is durable (or has failed). */
  private async commitGroup(group: Pending[]): Promise<Outcome[]> {
    // Note: SQLite's driver hands out its one shared runner; PostgreSQL's a pooled connection, released below.
    const runner = this.dataSource.createQueryRunner("master");
    try {
      await runner.startTransaction();
      // Note: PostgreSQL: the audit chain's lock before any unit runs. Every step of any instance waits for it, and a
      // group holds it to its COMMIT; a group that took row locks first (another instance's derived notifications,
      // a stream cursor) and then waited for it, while the holder waited for those rows, was a deadlock (seen with
      // two workers at the deadline rush). Locks taken in one order cannot deadlock.
      await lockAuditChainForGroup(runner);
    } catch (error) {
      await this.release(runner);
      return group.map(() => ({ ok: false, error }));
    }
    const outcomes: Outcome[] = [];
    for (const unit of group) {
      try {
        outcomes.push({ ok: true, value: await this.runUnit(runner, unit) });
      } catch (error) {
        outcomes.push({ ok: false, error });
        groupUnitRolledBack(runner);
        if (!this.inTransaction(runner)) return this.lostGroup(outcomes, group, error, runner);
      }
    }
    try {
      await runner.commitTransaction();
      this.committed();
      return outcomes;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      return group.map(() => ({ ok: false, error }));
    } finally {
      await this.release(runner);
    }
  }

  /**
   * One unit inside its own savepoint, rolled back to it when the unit throws. PostgreSQL: the savepoint is not
   * released — a RELEASE is one more round trip per unit on the path every step of the group waits for, and changes
   * nothing the COMMIT does not (a released subtransaction keeps its id until the COMMIT too); the next unit's
   * savepoint of the same name hides this one, and ROLLBACK TO goes back to the newest. A unit that opens a
   * transaction of its own nests under it (TypeORM's SAVEPOINT typeorm_1).
   */
  private async runUnit(runner: QueryRunner, unit: Pending): Promise<unknown> {
    await runner.query(`SAVEPOINT ${UNIT_SAVEPOINT}`);
    try {
      const value = await unit.work(runner.manager);
      if (this.dataSource.driver.options.type !== "postgres") await runner.query(`RELEASE SAVEPOINT ${UNIT_SAVEPOINT}`);
      return value;
    } catch (error) {
      if (this.inTransaction(runner)) await runner.query(`ROLLBACK TO SAVEPOINT ${UNIT_SAVEPOINT}`);
      throw error;
    }
  }

  private async release(runner: QueryRunner): Promise<void> {
    groupChainLockEnded(runner);
    if (this.dataSource.driver.options.type === "postgres") await runner.release();
  }

  /**
   * SQLite rolled the whole transaction back (an I/O error, a full disk): the units that had succeeded were not
   * written either, so they are refused with that error; the units not yet run go back to the queue.
   */
  private async lostGroup(outcomes: Outcome[], group: Pending[], error: unknown, runner: QueryRunner): Promise<Outcome[]> {
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    await this.release(runner);
    this.pending.unshift(...group.slice(outcomes.length));
    this.schedule();
    return outcomes.map(outcome => (outcome.ok ? { ok: false, error } : outcome));
  }

  /** Whether the group's transaction is still open after a unit failed (SQLite ends it on I/O errors, a full disk). */
  private inTransaction(runner: QueryRunner): boolean {
    if (this.dataSource.driver.options.type !== "better-sqlite3") return runner.isTransactionActive;
    const driver = this.dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } };
    return driver.databaseConnection.inTransaction;
  }
}
