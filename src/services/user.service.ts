import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import { AgencyEntity, UserEntity } from "../entities";
import { ROLES } from "../workflow";
import type { Role } from "../workflow";
import { assertRole, requireSignedIn } from "./access";
import type { Actor, UserActor } from "./actor";
import { UserErrorCode, problem } from "./errors";
import { checkPageSize, pageById } from "./id-pages";
import type { IdPage } from "./id-pages";
import { findUserOfAgency } from "./user-ref";
import type { UserRef } from "./user-ref";

export interface UserCreateInput {
  name: string;
  /** Defaults to the acting ADMIN's agency. */
  agencyCode?: string | null;
  roles: string[];
}

const NAME_PATTERN = /^[\p{L}\p{N}._-]{1,100}$/u;

export function roleList(user: UserEntity): Role[] {
  return user.roles.split(",").filter((role): role is Role => (ROLES as readonly string[]).includes(role));
}

/** The actor a verified token stands for, or null when the user is unknown or deactivated. */
export function userActor(user: UserEntity): UserActor {
  return { kind: "user", userId: user.id, name: user.name, agencyId: user.agencyId, roles: roleList(user) };
}

export class UserService {
  constructor(private readonly db: Database) {}

  create(actor: Actor, input: UserCreateInput): Promise<UserEntity> {
    return this.db.transaction(manager => createUser(manager, actor, input));
  }

  /** Activates or deactivates; a user already so is left alone (changed: false, no audit record). */
  setActive(actor: Actor, who: UserRef | string, active: boolean): Promise<{ user: UserEntity; changed: boolean }> {
    return this.db.transaction(async manager => {
      const user = await findUserOfAgency(manager, actor, who);
      assertRole(actor, user.agencyId, "ADMIN", "manage its users");
      if (user.active === active) {
        return { user, changed: false };
      }
      await manager.update(UserEntity, { id: user.id }, { active });
      await bumpUserStamp(manager);
      await appendAudit(manager, actor, {
        action: active ? "user.activate" : "user.deactivate",
        agencyId: user.agencyId,
        diff: { name: user.name, userId: user.id, active: { before: user.active, after: active } },
      });
      return { user: { ...user, active }, changed: true };
    });
  }

  /** ADMIN: replaces a user's roles in the ADMIN's agency (one or more of ROLES). */
  /** Replaces a user's roles; the same roles again change nothing (no audit record; changed: false). */
  setRoles(actor: Actor, who: UserRef | string, roles: string[]): Promise<{ user: UserEntity; changed: boolean }> {
    return this.db.transaction(async manager => {
      const user = await findUserOfAgency(manager, actor, who);
      assertRole(actor, user.agencyId, "ADMIN", "change its users' roles");
      const next = checkRoles(roles);
      if ([...next].sort().join(",") === [...user.roles].sort().join(",")) {
        return { user, changed: false };
      }
      await manager.update(UserEntity, { id: user.id }, { roles: next });
      await bumpUserStamp(manager);
      await appendAudit(manager, actor, {
        action: "user.roles.set",
        agencyId: user.agencyId,
        diff: { name: user.name, userId: user.id, roles: { before: user.roles, after: next } },
      });
      return { user: { ...user, roles: next }, changed: true };
    });
  }

  /** Users with their agency codes, for `gongkai user list`. */
  list(): Promise<Array<{ user: UserEntity; agencyCode: string }>> {
    return this.db.read(async manager => {
      const users = await manager.find(UserEntity, { order: { id: "ASC" } });
      const agencies = await manager.find(AgencyEntity);
      return users.map(user => ({ user, agencyCode: agencies.find(agency => agency.id === user.agencyId)!.code }));
    });
  }

  /** An ADMIN's view: the users of their own agency, active or not. */
  /** ADMIN: the users of their agency in creation order, a page at a time (trusted operators: every user). */
  pageOfAgency(actor: Actor, first: number, afterId: number | null): Promise<IdPage<UserEntity>> {
    const signedIn = requireSignedIn(actor);
    if (signedIn) assertRole(actor, signedIn.agencyId, "ADMIN", "list its users");
    checkPageSize(first);
    const where = signedIn ? { agencyId: signedIn.agencyId } : {};
    return this.db.read(manager => pageById(manager, UserEntity, where, first, afterId));
  }

  findById(id: number): Promise<UserEntity | null> {
    return this.db.read(manager => manager.findOneBy(UserEntity, { id }));
  }

  findByName(name: string): Promise<UserEntity | null> {
    return this.db.read(manager => manager.findOneBy(UserEntity, { name }));
  }
}

/** Called in the transaction of every change to a user, so every process's ActorCache reloads its users. */
export async function bumpUserStamp(manager: EntityManager): Promise<void> {
  await manager.query("UPDATE user_stamp SET version = version + 1 WHERE id = 1");
}

export async function createUser(manager: EntityManager, actor: Actor, input: UserCreateInput): Promise<UserEntity> {
  const signedIn = requireSignedIn(actor);
  const agency = await agencyFor(manager, signedIn, input.agencyCode);
  assertRole(actor, agency.id, "ADMIN", "add its users");
  const name = input.name.trim();
  if (!NAME_PATTERN.test(name)) {
    throw problem(UserErrorCode.INVALID_INPUT, "A user name is 1–100 letters, digits, '.', '_' or '-'.", ["input", "name"]);
  }
  const roles = checkRoles(input.roles);
  if (await manager.existsBy(UserEntity, { name })) {
    throw problem(UserErrorCode.DUPLICATE, `A user named "${name}" already exists; choose another name.`, ["input", "name"]);
  }
  const user = await manager.save(manager.create(UserEntity, { name, agencyId: agency.id, roles, active: true }));
  await bumpUserStamp(manager);
  await appendAudit(manager, actor, { action: "user.create", agencyId: agency.id, diff: { name, roles, userId: user.id } });
  return user;
}

/** One or more known roles, as stored (comma-separated, no repeats). */
function checkRoles(roles: string[]): string {
  const unknown = roles.filter(role => !(ROLES as readonly string[]).includes(role));
  if (unknown.length || roles.length === 0) {
    throw problem(UserErrorCode.INVALID_INPUT, `Roles must be one or more of ${ROLES.join(", ")}${unknown.length ? `; unknown: ${unknown.join(", ")}` : ""}.`, [
      "input",
      "roles",
    ]);
  }
  return [...new Set(roles)].join(",");
}

async function agencyFor(manager: EntityManager, user: UserActor | null, code?: string | null): Promise<AgencyEntity> {
  const agency = code ? await manager.findOneBy(AgencyEntity, { code }) : user && (await manager.findOneBy(AgencyEntity, { id: user.agencyId }));
  if (!agency) {
    throw problem(UserErrorCode.NOT_FOUND, code ? `No agency has code "${code}".` : "Give the agency code.", ["input", "agencyCode"]);
  }
  return agency;
}
