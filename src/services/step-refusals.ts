import type { ReportEntity } from "../entities";
import type { WorkflowRefusal } from "../workflow";
import { DomainError, UserErrorCode, problem } from "./errors";
import type { Problem } from "./errors";

/** A step sent with a version the report has left: nothing was done. */
export function conflict(report: ReportEntity, expected: number): DomainError {
  return problem(
    UserErrorCode.CONFLICT,
    `The report is now at version ${report.version} in state ${report.state} (you sent expectedVersion ${expected}); reload it and decide again.`,
    ["input", "expectedVersion"],
  );
}

const INPUT_REFUSALS = new Set(["REASON_REQUIRED", "PUBLICATION_REQUIRED", "PUBLICATION_IN_FUTURE"]);
const FORBIDDEN_REFUSALS = new Set(["MISSING_ROLE", "NOT_SUBMITTER", "FOUR_EYES_SUBMITTER", "FOUR_EYES_EDITOR", "FOUR_EYES_REVIEWER"]);

/** The machine refused the step; `refusals` keeps its own codes (WRONG_STATE, HASH_MISMATCH, …). */
export class StepRefused extends DomainError {
  constructor(readonly refusals: WorkflowRefusal[]) {
    super(refusals.map(toProblem));
  }
}

function toProblem(refusal: WorkflowRefusal): Problem {
  const code = FORBIDDEN_REFUSALS.has(refusal.code)
    ? UserErrorCode.FORBIDDEN
    : INPUT_REFUSALS.has(refusal.code)
      ? UserErrorCode.INVALID_INPUT
      : UserErrorCode.STEP_NOT_ALLOWED;
  const field = refusal.code === "REASON_REQUIRED" ? ["input", "reason"] : INPUT_REFUSALS.has(refusal.code) ? ["input", "publishedAt"] : undefined;
  return { code, message: refusal.message, field };
}
