/**
 * Who is making a change. Every service write takes one, so the audit trail
 * (appended in the same transaction) can name the actor.
 */
export type Actor =
  | { kind: "user"; userId: number; name: string }
  | { kind: "cli"; name: string }
  | { kind: "system"; name: string };

export const SYSTEM_ACTOR: Actor = { kind: "system", name: "system" };
export const CLI_ACTOR: Actor = { kind: "cli", name: "cli" };
