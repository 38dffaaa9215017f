import type { Role } from "../workflow";

/** A signed-in person, with the roles they hold in their agency. */
export interface UserActor {
  kind: "user";
  userId: number;
  name: string;
  agencyId: number;
  roles: readonly Role[];
}

/**
 * Who is making a request. Every service call takes one: it decides what may
 * be read and done, and (with the audit trail) names who did it. The CLI and
 * the system are trusted local operators; anonymous requests may only read
 * published reports.
 */
export type Actor = (UserActor | { kind: "cli"; name: string } | { kind: "system"; name: string } | { kind: "anonymous" }) & {
  /** The HTTP request a change came through, for the audit trail. */
  request?: RequestInfo;
};

export interface RequestInfo {
  id: string;
  address: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: "system", name: "system" };
export const CLI_ACTOR: Actor = { kind: "cli", name: "cli" };
export const ANONYMOUS: Actor = { kind: "anonymous" };

export function isTrusted(actor: Actor): actor is { kind: "cli" | "system"; name: string } {
  return actor.kind === "cli" || actor.kind === "system";
}
