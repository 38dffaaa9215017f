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

/** 条例 第四十九条 sets the deadline by kind: a department by 31 January, a local people's government by 31 March. */
export enum AgencyKindEnum {
  GOVERNMENT = "GOVERNMENT",
  DEPARTMENT = "DEPARTMENT",
}

export enum AgencyLevelEnum {
  NATIONAL = "NATIONAL",
  PROVINCIAL = "PROVINCIAL",
  CITY = "CITY",
  COUNTY = "COUNTY",
  TOWNSHIP = "TOWNSHIP",
}

registerEnumType(AgencyKindEnum, {
  name: "AgencyKind",
  description: "人民政府 or 政府部门: decides the publication deadline (条例 第四十九条) and the contents 第五十条 requires.",
  valuesConfig: {
    GOVERNMENT: { description: "人民政府: its report is published by 31 March (township governments: 31 January) and must report 考核、社会评议、责任追究." },
    DEPARTMENT: { description: "政府部门 (including a government's 办公厅/办公室): its report is published by 31 January." },
  },
});
registerEnumType(AgencyLevelEnum, {
  name: "AgencyLevel",
  description: "Administrative level: 国务院/国务院部门, 省, 设区的市, 县（区）, 乡镇（街道）.",
});
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
