import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

/**
 * Rows of a plain SELECT made into entities exactly as TypeORM's query builder hydrates them (each column's
 * stored value through the driver's own conversion: dates, numbers as stored by each engine), without building
 * the query through TypeORM: on the read path of every request, building a query cost more than running it.
 */
export function hydrate<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: Array<Record<string, unknown>>): T[] {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  return rows.map(row => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns) {
      const value = row[column.databaseName];
      if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  });
}

/** The table's columns as a SELECT list (`alias.column` each), in the entity's order. */
export function selectList(manager: EntityManager, target: EntityTarget<ObjectLiteral>, alias: string): string {
  return manager.connection
    .getMetadata(target)
    .columns.map(column => `${alias}.${column.databaseName}`)
    .join(", ");
}
