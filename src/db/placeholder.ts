import type { EntityManager } from "typeorm";

/** A placeholder for the n-th (1-based) parameter of a raw query on this engine: `$n` on PostgreSQL, `?` on SQLite. */
export function placeholder(manager: EntityManager, n: number): string {
  return manager.connection.driver.options.type === "postgres" ? `$${n}` : "?";
}

/** The placeholders of `count` parameters, 1 to count, comma-separated: the VALUES list of a raw INSERT. */
export function placeholders(manager: EntityManager, count: number): string {
  return Array.from({ length: count }, (_value, i) => placeholder(manager, i + 1)).join(", ");
}
