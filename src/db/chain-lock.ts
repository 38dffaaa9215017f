import type { EntityManager, QueryRunner } from "typeorm";

/** Arbitrary constant naming Gongkai's audit chain among PostgreSQL advisory locks. */
const AUDIT_CHAIN_LOCK = 0x6a6b_6169; // "jkai"

/** PostgreSQL connections whose open transaction GroupCommit began by taking the lock (held to its COMMIT). */
const heldByGroup = new WeakSet<QueryRunner>();

/**
 * Serialises appends so the chain never forks; on PostgreSQL every group of writes takes it first (GroupCommit). PostgreSQL: a transaction-scoped
 * advisory lock shared by every instance. SQLite: one writer at a time already
 * (the process queue, and the database's write lock across processes).
 */
export async function lockAuditChain(manager: EntityManager): Promise<void> {
  if (manager.connection.driver.options.type !== "postgres") return;
  // Note: inside a group the lock is already held: asking again cost every step a round trip for nothing.
  const runner = manager.queryRunner;
  if (runner && runner.isTransactionActive && heldByGroup.has(runner)) return;
  await manager.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK]);
}

/** GroupCommit: takes the lock for the transaction just begun on `runner`, and remembers that it holds it. */
export async function lockAuditChainForGroup(runner: QueryRunner): Promise<void> {
  await lockAuditChain(runner.manager);
  if (runner.manager.connection.driver.options.type === "postgres") heldByGroup.add(runner);
}

/** GroupCommit, once the group's transaction ended (the lock went with it), before the connection is released. */
export function groupChainLockEnded(runner: QueryRunner): void {
  heldByGroup.delete(runner);
}
