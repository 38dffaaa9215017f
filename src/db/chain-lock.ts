import type { EntityManager } from "typeorm";

/** Arbitrary constant naming Gongkai's audit chain among PostgreSQL advisory locks. */
const AUDIT_CHAIN_LOCK = 0x6a6b_6169; // "jkai"

/**
 * Serialises appends so the chain never forks; on PostgreSQL every group of writes takes it first (GroupCommit). PostgreSQL: a transaction-scoped
 * advisory lock shared by every instance. SQLite: one writer at a time already
 * (the process queue, and the database's write lock across processes).
 */
export async function lockAuditChain(manager: EntityManager): Promise<void> {
  if (manager.connection.driver.options.type === "postgres") {
    await manager.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK]);
  }
}
