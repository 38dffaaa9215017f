import crypto from "node:crypto";
import type { EntityManager } from "typeorm";
import { LessThan } from "typeorm";
import { appendAudit } from "../audit/append";
import { MIN_PASSWORD_LENGTH, decoyHash, hashPassword, verifyPassword } from "../auth/password";
import type { Database } from "../db";
import { UserEntity, UserSessionEntity } from "../entities";
import { assertRole } from "./access";
import type { Actor, RequestInfo, UserActor } from "./actor";
import { UserErrorCode, problem } from "./errors";
import { findUserOfAgency } from "./user-ref";
import type { UserRef } from "./user-ref";
import { userActor } from "./user.service";

/** Failures in a row before sign-in is refused for LOCKOUT_MINUTES. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_HOURS = 8;

export type SignInResult =
  | { kind: "signed-in"; token: string; actor: UserActor; expiresAt: Date }
  | { kind: "password-change-required" }
  | { kind: "refused"; code: "INVALID_CREDENTIALS" | "LOCKED"; message: string };

const INVALID = "用户名或密码不正确。The user name or password is not correct.";

/**
 * Sign-in for people. Every attempt — success, failure, lockout — and every
 * sign-out is an audit record written in the same transaction as what it
 * changes (the failure counter, the session row).
 */
export class SignInService {
  constructor(private readonly db: Database) {}

  async signIn(name: string, password: string, request: RequestInfo, newPassword?: string): Promise<SignInResult> {
    const user = await this.db.read(manager => manager.findOneBy(UserEntity, { name }));
    const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    const newHash = newPassword !== undefined && matches ? await hashPassword(checkNewPassword(newPassword, password)) : null;
    return this.db.transaction(async manager => {
      const fresh = user && (await manager.findOneBy(UserEntity, { id: user.id }));
      if (!fresh || !fresh.active || !fresh.passwordHash) {
        await recordFailure(manager, request, name, fresh, "unknown-or-inactive");
        return refused("INVALID_CREDENTIALS", INVALID);
      }
      if (fresh.lockedUntil && fresh.lockedUntil > new Date().toISOString()) {
        await recordFailure(manager, request, name, fresh, "locked");
        return refused(
          "LOCKED",
          `多次登录失败，账户已锁定至 ${fresh.lockedUntil}。Too many failed attempts: try again after ${fresh.lockedUntil} or ask your ADMIN.`,
        );
      }
      if (!matches) {
        const locked = await recordFailure(manager, request, name, fresh, "wrong-password");
        return locked
          ? refused("LOCKED", `多次登录失败，账户已锁定 ${LOCKOUT_MINUTES} 分钟。Too many failed attempts: locked for ${LOCKOUT_MINUTES} minutes.`)
          : refused("INVALID_CREDENTIALS", INVALID);
      }
      if (fresh.passwordTemporary && !newHash) {
        return { kind: "password-change-required" };
      }
      const actor = { ...userActor(fresh), request };
      if (newHash) {
        await manager.update(UserEntity, { id: fresh.id }, { passwordHash: newHash, passwordTemporary: false });
        await appendAudit(manager, actor, { action: "user.password.change", agencyId: fresh.agencyId, diff: { name, userId: fresh.id } });
      }
      return startSession(manager, actor, fresh);
    });
  }

  /** The signed-in user a session cookie's token stands for, or null (unknown, expired, user deactivated). */
  async actorForSession(token: string): Promise<UserActor | null> {
    const found = await this.db.read(async manager => {
      const session = await manager.findOneBy(UserSessionEntity, { tokenHash: sha256(token) });
      if (!session || session.expiresAt <= new Date().toISOString()) return null;
      return manager.findOneBy(UserEntity, { id: session.userId });
    });
    return found && found.active ? userActor(found) : null;
  }

  /** When a session cookie's session ends (null: unknown or ended already); live connections close then. */
  async sessionExpiry(token: string): Promise<Date | null> {
    const session = await this.db.read(manager => manager.findOneBy(UserSessionEntity, { tokenHash: sha256(token) }));
    return session ? new Date(session.expiresAt) : null;
  }

  async signOut(token: string, request: RequestInfo): Promise<boolean> {
    return this.db.transaction(async manager => {
      const session = await manager.findOneBy(UserSessionEntity, { tokenHash: sha256(token) });
      const user = session && (await manager.findOneBy(UserEntity, { id: session.userId }));
      if (!session || !user) return false;
      await manager.delete(UserSessionEntity, { tokenHash: session.tokenHash });
      await appendAudit(
        manager,
        { ...userActor(user), request },
        { action: "auth.sign_out", agencyId: user.agencyId, diff: { name: user.name, userId: user.id } },
      );
      return true;
    });
  }

  /**
   * Sets a user's password: the CLI (trusted operator) or an ADMIN of the
   * user's agency. A password someone sets for another person is always
   * temporary: its owner must choose a new one at the next sign-in.
   */
  async setPassword(actor: Actor, who: UserRef | string, password: string, temporary: boolean): Promise<UserEntity> {
    const hash = await hashPassword(checkNewPassword(password));
    return this.db.transaction(async manager => {
      const user = await findUserOfAgency(manager, actor, who);
      assertRole(actor, user.agencyId, "ADMIN", "set its users' passwords");
      const forced = temporary || (actor.kind === "user" && actor.userId !== user.id);
      const change = { passwordHash: hash, passwordTemporary: forced, failedSignIns: 0, lockedUntil: null };
      await manager.update(UserEntity, { id: user.id }, change);
      // Note: the user's open sessions end, so a reset also throws out whoever had the old password.
      await manager.delete(UserSessionEntity, { userId: user.id });
      await appendAudit(manager, actor, {
        action: "user.password.set",
        agencyId: user.agencyId,
        diff: { name: user.name, userId: user.id, temporary: forced },
      });
      return { ...user, ...change };
    });
  }

  /** Removes expired sessions (called on sign-in, so the table stays small without a timer). */
  static async purgeExpired(manager: EntityManager): Promise<void> {
    await manager.delete(UserSessionEntity, { expiresAt: LessThan(new Date().toISOString()) });
  }
}

function checkNewPassword(password: string, old?: string): string {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 200) {
    throw problem(UserErrorCode.INVALID_INPUT, `密码须为 ${MIN_PASSWORD_LENGTH}–200 个字符。A password is ${MIN_PASSWORD_LENGTH} to 200 characters.`, [
      "input",
      "password",
    ]);
  }
  if (old !== undefined && password === old) {
    throw problem(UserErrorCode.INVALID_INPUT, "新密码不能与临时密码相同。Choose a new password different from the temporary one.", ["input", "newPassword"]);
  }
  return password;
}

function refused(code: "INVALID_CREDENTIALS" | "LOCKED", message: string): SignInResult {
  return { kind: "refused", code, message };
}

async function startSession(manager: EntityManager, actor: UserActor, user: UserEntity): Promise<SignInResult> {
  await SignInService.purgeExpired(manager);
  const token = crypto.randomBytes(32).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await manager.insert(UserSessionEntity, { tokenHash: sha256(token), userId: user.id, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  await manager.update(UserEntity, { id: user.id }, { failedSignIns: 0, lockedUntil: null });
  await appendAudit(manager, actor, { action: "auth.sign_in", agencyId: user.agencyId, diff: { name: user.name, userId: user.id } });
  return { kind: "signed-in", token, actor, expiresAt };
}

/** Counts a failure (locking at MAX_FAILED_SIGN_INS) and records it; true when this failure locked the account. */
async function recordFailure(manager: EntityManager, request: RequestInfo, name: string, user: UserEntity | null, reason: string): Promise<boolean> {
  const actor: Actor = { kind: "system", name: "sign-in", request };
  let locked = false;
  if (user && reason === "wrong-password") {
    const failed = user.failedSignIns + 1;
    locked = failed >= MAX_FAILED_SIGN_INS;
    const lockedUntil = locked ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await manager.update(UserEntity, { id: user.id }, { failedSignIns: locked ? 0 : failed, lockedUntil });
  }
  await appendAudit(manager, actor, {
    action: "auth.sign_in_failed",
    agencyId: user?.agencyId ?? null,
    diff: { name: name.slice(0, 100), reason, ...(locked ? { lockedForMinutes: LOCKOUT_MINUTES } : {}) },
  });
  return locked;
}

function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}
