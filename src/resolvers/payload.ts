import type { ReportEntity } from "../entities";
import { toReport } from "../schema/mappers/report.mapper";
import type { ReportEditPayload, ReportPayload } from "../schema/mutations/report-create";
import { fromGlobalId } from "../schema/node-id";
import type { NodeType } from "../schema/node-id";
import type { UserError } from "../schema/user-error.type";
import type { Actor } from "../services";
import { requireSignedIn } from "../services/access";
import { DomainError, UserErrorCode, problem } from "../services/errors";
import type { UserRef } from "../services/user-ref";

/**
 * Runs a service call for a mutation payload: user-caused problems become
 * `userErrors` (the service's transaction has rolled back); anything else is a
 * server fault and propagates to be masked by formatError.
 */
export async function withUserErrors<T>(actor: Actor, work: () => Promise<T>): Promise<{ value: T | null; userErrors: UserError[] }> {
  // Note: every mutation needs a signed-in actor; checked first so anonymous callers learn nothing else.
  requireSignedIn(actor);
  try {
    return { value: await work(), userErrors: [] };
  } catch (error) {
    if (error instanceof DomainError) {
      return { value: null, userErrors: error.problems.map(p => ({ code: p.code, message: p.message, field: p.field ?? null })) };
    }
    throw error;
  }
}

/** A mutation answering with the report (ReportPayload): the report after the change, or the userErrors. */
export async function reportPayload(actor: Actor, work: () => Promise<ReportEntity>): Promise<ReportPayload> {
  const { value, userErrors } = await withUserErrors(actor, work);
  return { report: value && toReport(value), userErrors };
}

/** A content change of a draft (ReportEditPayload): the report, whether anything changed, or the userErrors. */
export async function reportEditPayload(actor: Actor, work: () => Promise<{ report: ReportEntity; changed: boolean }>): Promise<ReportEditPayload> {
  const { value, userErrors } = await withUserErrors(actor, work);
  return { report: value && toReport(value.report), changed: value?.changed ?? false, userErrors };
}

/** The database id inside a global id, or a NOT_FOUND problem naming the field. */
export function requireId(type: NodeType, globalId: string, field: string[]): number {
  const id = fromGlobalId(type, globalId);
  if (id === null) {
    throw problem(UserErrorCode.NOT_FOUND, `No ${type.toLowerCase()} has id ${JSON.stringify(globalId)}; use an id returned by a query.`, field);
  }
  return id;
}

/** The database id inside an id-keyed cursor (the global id of the last item seen), or null for the first page. */
export function afterId(type: NodeType, after: string | null | undefined): number | null {
  if (after == null) return null;
  const id = fromGlobalId(type, after);
  if (id === null) {
    throw problem(UserErrorCode.INVALID_INPUT, "The cursor is not valid; pass an endCursor (or an edge's cursor) of this list.", ["after"]);
  }
  return id;
}

/**
 * The user a user mutation is for: `userId` (a User's global id) or the deprecated `name`, exactly one of the
 * two; INVALID_INPUT (naming input.userId) for both or neither, NOT_FOUND for an id that is not a user's.
 */
export function userRefOf(input: { userId?: string | null; name?: string | null }): UserRef {
  const byId = input.userId != null;
  if (byId === (input.name != null)) {
    const message = byId
      ? "Give userId or name, not both: userId (the User's global id) is enough."
      : "Say which user: give userId (a User.id from users or user(id)); name is the deprecated alternative.";
    throw problem(UserErrorCode.INVALID_INPUT, message, ["input", "userId"]);
  }
  return byId ? { id: requireId("User", input.userId!, ["input", "userId"]) } : { name: input.name! };
}
