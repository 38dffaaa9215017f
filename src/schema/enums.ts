import { registerEnumType } from "type-graphql";
import { USER_ERROR_CODE_MEANINGS, UserErrorCode } from "../services/errors";

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
  valuesConfig: {
    NATIONAL: { description: "国务院 and 国务院部门." },
    PROVINCIAL: { description: "省、自治区、直辖市." },
    CITY: { description: "设区的市." },
    COUNTY: { description: "县（区）." },
    TOWNSHIP: { description: "乡镇（街道）." },
  },
});
registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description: "Stable codes of problems a user can fix.",
  valuesConfig: Object.fromEntries(
    Object.entries(USER_ERROR_CODE_MEANINGS).map(([code, description]) => [code, { description }]),
  ),
});
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
registerEnumType(Severity, {
  name: "Severity",
  description: "ERROR blocks submission; WARNING asks the author to check.",
  valuesConfig: {
    ERROR: { description: "Blocks submission until fixed." },
    WARNING: { description: "Asks the author to check; submission needs it fixed or acknowledged." },
  },
});
registerEnumType(RuleKind, {
  name: "RuleKind",
  description: "Where a rule comes from: printed in the format, implied by its structure, a plausibility heuristic, or completeness.",
  valuesConfig: {
    OFFICIAL: { description: "Printed in the national format (e.g. 总计 = sum of the rows above)." },
    IMPLIED: { description: "Implied by the tables' structure (a group row is the sum of its children)." },
    HEURISTIC: { description: "A plausibility check; a warning, never an error." },
    REQUIRED: { description: "Completeness: a cell or section that must be filled." },
  },
});
registerEnumType(CellType, {
  name: "CellType",
  description: "INT: a count (件); DECIMAL: an amount in 万元 with up to 6 decimals.",
  valuesConfig: {
    INT: { description: "A count (件, 人次): a whole number ≥ 0." },
    DECIMAL: { description: "An amount in 万元: ≥ 0 with up to 6 decimals, sent as text." },
  },
});
