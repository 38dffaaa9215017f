import type { EntityManager } from "typeorm";

/** A placeholder for the n-th (1-based) parameter of a raw query on this engine: `$n` on PostgreSQL, `?` on SQLite. */
export function placeholder(manager: EntityManager, n: number): string {
  return manager.connection.driver.options.type === "postgres" ? `$${n}` : "?";
}

/** The placeholders of `count` parameters, `first` to first + count − 1, comma-separated: a VALUES or IN (…) list. */
export function placeholders(manager: EntityManager, count: number, first = 1): string {
  return Array.from({ length: count }, (_value, i) => placeholder(manager, first + i)).join(", ");
}
