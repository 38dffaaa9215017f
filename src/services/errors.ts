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
  STEP_NOT_ALLOWED = "STEP_NOT_ALLOWED",
}

/** What each code means; the schema publishes these as the enum values' descriptions. */
export const USER_ERROR_CODE_MEANINGS: Record<UserErrorCode, string> = {
  INVALID_INPUT: "An input value is malformed or out of range (an id of the wrong type, a year outside the format).",
  NOT_FOUND: "The named object does not exist, or the viewer may not see it.",
  DUPLICATE: "An object with this identity already exists (a report for the agency and year, a user name).",
  UNKNOWN_CELL: "The cell key names no cell of the report's format.",
  INVALID_VALUE: "The cell value is not a number the cell accepts (negative, too many decimals, a fraction in a count).",
  TOO_LONG: "The text exceeds its limit; shorten it.",
  UNREADABLE_INPUT: "The imported text could not be read as a report of a known format.",
  CONFLICT: "The report changed since expectedVersion; reload it and apply your change again.",
  REPORT_LOCKED: "The report is not a draft, so its content cannot change.",
  FORBIDDEN: "The viewer's roles or agency do not allow this change.",
  STEP_NOT_ALLOWED: "The workflow does not allow this step now (wrong state, validation errors, empty sections…).",
};

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
