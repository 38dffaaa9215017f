import type { EntityManager, QueryRunner } from "typeorm";

/** Arbitrary constant naming Gongkai's audit chain among PostgreSQL advisory locks. */
export const AUDIT_CHAIN_LOCK = 0x6a6b_6169; // "jkai"

/** What a group's transaction already knows, for as long as it holds the lock (PostgreSQL). */
interface GroupMemo {
  /** The chain's head after the group's last append: nobody else can append while the group holds the lock. */
  head?: { seq: number; hash: string };
  /** Writes done once for the whole group (the statistics year's version bump): keys of those already made. */
  done: Set<string>;
}

/** PostgreSQL connections whose open transaction GroupCommit began by taking the lock (held to its COMMIT). */
const heldByGroup = new WeakMap<QueryRunner, GroupMemo>();

/** PostgreSQL connections whose open transaction writes derived data only, beside the groups and without the lock. */
const derivedOnly = new WeakSet<QueryRunner>();

/** Database.derivedTransaction: the transaction just begun on `runner` may not take the chain's lock (nor append). */
export function withoutAuditChain(runner: QueryRunner): void {
  derivedOnly.add(runner);
}

/**
 * Serialises appends so the chain never forks; on PostgreSQL every group of writes takes it first (GroupCommit). PostgreSQL: a transaction-scoped
 * advisory lock shared by every instance. SQLite: one writer at a time already
 * (the process queue, and the database's write lock across processes).
 */
export async function lockAuditChain(manager: EntityManager): Promise<void> {
  if (manager.connection.driver.options.type !== "postgres") return;
  if (manager.queryRunner && derivedOnly.has(manager.queryRunner)) {
    throw new Error("A derived-data transaction (Database.derivedTransaction) appends no audit record; use Database.transaction.");
  }
  // Note: inside a group the lock is already held: asking again cost every step a round trip for nothing.
  if (groupMemo(manager)) return;
  await manager.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK]);
}

/** GroupCommit: takes the lock for the transaction just begun on `runner`, and remembers that it holds it. */
export async function lockAuditChainForGroup(runner: QueryRunner): Promise<void> {
  await lockAuditChain(runner.manager);
  if (runner.manager.connection.driver.options.type === "postgres") heldByGroup.set(runner, { done: new Set() });
}

/**
 * The memo of the group whose transaction `manager` runs in, if that group holds the chain's lock; null otherwise
 * (SQLite, a transaction outside a group), where nothing may be taken as known.
 */
export function groupMemo(manager: EntityManager): GroupMemo | null {
  const runner = manager.queryRunner;
  return (runner?.isTransactionActive && heldByGroup.get(runner)) || null;
}

/**
 * GroupCommit, when a unit of the group failed and was rolled back to its savepoint: what it may have written
 * (an audit record, a version bump) is gone, so the memo is forgotten and the next unit reads and writes again.
 */
export function groupUnitRolledBack(runner: QueryRunner): void {
  const memo = heldByGroup.get(runner);
  if (!memo) return;
  memo.head = undefined;
  memo.done.clear();
}

/** GroupCommit, once the group's transaction ended (the lock went with it), before the connection is released. */
export function groupChainLockEnded(runner: QueryRunner): void {
  heldByGroup.delete(runner);
}
