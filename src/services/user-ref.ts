import type { EntityManager } from "typeorm";
import { isRowId } from "../db/row-id";
import { UserEntity } from "../entities";
import type { Actor } from "./actor";
import { UserErrorCode, problem } from "./errors";

/** Which user a change is for: by database id (the API's userId), or by login name (the CLI, the deprecated API form). */
export type UserRef = { id: number } | { name: string };

/**
 * The user a change is for, when the actor's agency holds them (a trusted operator reaches every agency);
 * NOT_FOUND otherwise, naming the input field the reference came in — another agency's user looks like none.
 */
export async function findUserOfAgency(manager: EntityManager, actor: Actor, who: UserRef | string): Promise<UserEntity> {
  const ref = typeof who === "string" ? { name: who } : who;
  const user =
    "id" in ref ? (isRowId(ref.id) ? await manager.findOneBy(UserEntity, { id: ref.id }) : null) : await manager.findOneBy(UserEntity, { name: ref.name });
  if (!user || (actor.kind === "user" && actor.agencyId !== user.agencyId)) {
    throw "id" in ref
      ? problem(UserErrorCode.NOT_FOUND, "No user of your agency has this id; use a User.id from users or user(id).", ["input", "userId"])
      : problem(UserErrorCode.NOT_FOUND, `No user of your agency is named "${ref.name}".`, ["input", "name"]);
  }
  return user;
}
