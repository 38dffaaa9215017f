import DataLoader from "dataloader";
import { In } from "typeorm";
import type { Database } from "../db";
import { isRowId } from "../db/row-id";
import { UserEntity } from "../entities";
import type { ReadScope } from "./access";

/** One loader per request, keyed by the request's ReadScope (created per request, never shared). */
const perRequest = new WeakMap<ReadScope, DataLoader<number, UserEntity | null>>();

/**
 * Users by database id as this request's reader may see them (ReadScope.canSeeUser): null when the user does
 * not exist or is not visible — the two look alike. Batched, so a page of audit records costs one query.
 */
export function visibleUsers(db: Database, scope: ReadScope): DataLoader<number, UserEntity | null> {
  let loader = perRequest.get(scope);
  if (!loader) {
    loader = new DataLoader<number, UserEntity | null>(async ids => {
      const known = ids.filter(isRowId);
      const rows = known.length ? await db.read(manager => manager.findBy(UserEntity, { id: In(known) })) : [];
      return Promise.all(
        ids.map(async id => {
          const row = rows.find(found => found.id === id);
          return row && (await scope.canSeeUser(row)) ? row : null;
        }),
      );
    });
    perRequest.set(scope, loader);
  }
  return loader;
}
