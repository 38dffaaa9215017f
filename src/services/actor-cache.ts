import type { Database } from "../db";
import { UserEntity } from "../entities";
import type { UserActor } from "./actor";
import { LruCache } from "./lru-cache";
import { userActor } from "./user.service";

/** Users remembered per process (one small object each). */
const ACTOR_LIMIT = 20_000;

/**
 * The actor a verified token's subject stands for, without loading the user on every request. Every change to
 * any user (created, activated, deactivated, roles set) bumps one stored stamp in its own transaction
 * (bumpUserStamp, user.service.ts); an entry is used only while the stamp it was read under is still the stored one, so a
 * deactivation or a role change counts from the next request on, in every process sharing the database.
 * Reading the stamp is one primary-key lookup, shared by the requests that arrive while it is in flight.
 */
export class ActorCache {
  private readonly entries = new LruCache<number, { stamp: number; actor: UserActor | null }>(ACTOR_LIMIT);
  private stampRead: Promise<number> | null = null;

  constructor(private readonly db: Database) {}

  /** The active user with this id as an actor, or null when there is none or it is deactivated. */
  async forUser(userId: number): Promise<UserActor | null> {
    const stamp = await this.stamp();
    const hit = this.entries.get(userId);
    if (hit && hit.stamp === stamp) return hit.actor;
    // Note: read after the stamp, so what is kept is at least as new as the stamp it is kept under.
    const user = await this.db.read(manager => manager.findOneBy(UserEntity, { id: userId }));
    const actor = user && user.active ? userActor(user) : null;
    this.entries.set(userId, { stamp, actor });
    return actor;
  }

  private stamp(): Promise<number> {
    this.stampRead ??= this.db
      .read(manager => manager.query<Array<{ version: number | string }>>("SELECT version FROM user_stamp WHERE id = 1"))
      .then(rows => Number(rows[0]?.version ?? 0))
      .finally(() => (this.stampRead = null));
    return this.stampRead;
  }
}
