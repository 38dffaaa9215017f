import { LIMITS } from "./limits";

/** Stable codes for problems a user can cause and fix. Front ends switch on these. */
export enum UserErrorCode {
  INVALID_INPUT = "INVALID_INPUT",
  NOT_FOUND = "NOT_FOUND",
  DUPLICATE = "DUPLICATE",
  UNKNOWN_CELL = "UNKNOWN_CELL",
  INVALID_VALUE = "INVALID_VALUE",
  TOO_LONG = "TOO_LONG",
  UNREADABLE_INPUT = "UNREADABLE_INPUT",
  CONFLICT = "CONFLICT",
  REPORT_LOCKED = "REPORT_LOCKED",
  FORBIDDEN = "FORBIDDEN",
  /** The workflow does not allow this step now (wrong state, validation errors, empty sections…). */
  STEP_NOT_ALLOWED = "STEP_NOT_ALLOWED",
}

export interface Problem {
  code: UserErrorCode;
  /** What went wrong and what to do about it. */
  message: string;
  /** Path to the input field at fault, e.g. ["input", "cells", "3", "value"]. */
  field?: string[];
}

/**
 * Thrown by services for problems the user caused. Thrown inside a
 * transaction it rolls the whole change back; resolvers turn it into
 * `userErrors`, the CLI into a message and exit code.
 */
export class DomainError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem | Problem[]) {
    const list = reportable(Array.isArray(problems) ? problems : [problems]);
    super(list.map(problem => problem.message).join("; "));
    this.name = "DomainError";
    this.problems = list;
  }

  get code(): UserErrorCode {
    return this.problems[0].code;
  }
}

/**
 * Keeps an answer small whatever the input: the first problems, and one last entry counting the rest (fix
 * these, then send again to see the others).
 */
function reportable(problems: Problem[]): Problem[] {
  if (problems.length <= LIMITS.reportedProblems) return problems;
  const more = problems.length - LIMITS.reportedProblems + 1;
  const [{ code }] = problems;
  return [...problems.slice(0, LIMITS.reportedProblems - 1), { code, message: `…and ${more} more problems; fix those listed and send again to see the rest.` }];
}

export function problem(code: UserErrorCode, message: string, field?: string[]): DomainError {
  return new DomainError({ code, message, field });
}
