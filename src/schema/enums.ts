import { registerEnumType } from "type-graphql";
import { UserErrorCode } from "../services/errors";

export { UserErrorCode };

/** Workflow states, past tense / nouns (GraphQL enum values map to the machine's state ids). */
export enum ReportState {
  DRAFT = "draft",
  SECRECY_REVIEW = "secrecyReview",
  LEADERSHIP_SIGN_OFF = "leadershipSignOff",
  APPROVED = "approved",
  PUBLISHED = "published",
}

export enum Severity {
  ERROR = "ERROR",
  WARNING = "WARNING",
}

export enum RuleKind {
  OFFICIAL = "official",
  IMPLIED = "implied",
  HEURISTIC = "heuristic",
  REQUIRED = "required",
}

export enum CellType {
  INT = "int",
  DECIMAL = "decimal",
}

registerEnumType(UserErrorCode, { name: "UserErrorCode", description: "Stable codes of problems a user can fix." });
registerEnumType(ReportState, {
  name: "ReportState",
  description: "Where a report stands in the approval workflow.",
  valuesConfig: {
    DRAFT: { description: "草稿: being written by the disclosure office; the only editable state." },
    SECRECY_REVIEW: { description: "保密审查: awaiting the secrecy review." },
    LEADERSHIP_SIGN_OFF: { description: "领导签发: awaiting the sign-off of the leader in charge." },
    APPROVED: { description: "已批准: signed off, awaiting publication." },
    PUBLISHED: { description: "已发布: published on the disclosure portal; frozen." },
  },
});
registerEnumType(Severity, { name: "Severity", description: "ERROR blocks submission; WARNING asks the author to check." });
registerEnumType(RuleKind, {
  name: "RuleKind",
  description: "Where a rule comes from: printed in the format, implied by its structure, a plausibility heuristic, or completeness.",
});
registerEnumType(CellType, { name: "CellType", description: "INT: a count (件); DECIMAL: an amount in 万元 with up to 6 decimals." });
