import { MoreThan } from "typeorm";
import type { EntityManager, EntityTarget, FindOptionsOrder, FindOptionsWhere } from "typeorm";
import { UserErrorCode, problem } from "./errors";

/** Lists in creation order (agencies, users) page by id: small, append-only tables, so a keyset on the id is exact. */
export const MAX_ID_PAGE = 500;

/** A page of rows; the caller makes each row's cursor (its global id). */
export interface IdPage<T> {
  nodes: T[];
  totalCount: number;
  hasNextPage: boolean;
}

/** Checks a page size against MAX_ID_PAGE, blaming the `first` argument. */
export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ID_PAGE) {
    throw problem(UserErrorCode.INVALID_INPUT, `first must be between 1 and ${MAX_ID_PAGE}.`, ["first"]);
  }
}

/** One page of rows in id order, after the row with id `afterId` (null: from the start). */
export async function pageById<T extends { id: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
  first: number,
  afterId: number | null,
): Promise<IdPage<T>> {
  checkPageSize(first);
  const totalCount = await manager.countBy(entity, where);
  const after = afterId === null ? where : ({ ...where, id: MoreThan(afterId) } as FindOptionsWhere<T>);
  const rows = await manager.find(entity, {
    where: after,
    order: { id: "ASC" } as FindOptionsOrder<T>,
    take: first + 1,
  });
  const nodes = rows.slice(0, first);
  return { nodes, totalCount, hasNextPage: rows.length > first };
}
