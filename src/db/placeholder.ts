import type { EntityManager } from "typeorm";

/** A placeholder for the n-th (1-based) parameter of a raw query on this engine: `$n` on PostgreSQL, `?` on SQLite. */
export function placeholder(manager: EntityManager, n: number): string {
  return manager.connection.driver.options.type === "postgres" ? `$${n}` : "?";
}
