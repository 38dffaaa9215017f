import { registerEnumType } from "type-graphql";
import type { SectionDef } from "../formats";
import { USER_ERROR_CODE_MEANINGS, UserErrorCode } from "../services/errors";
import { APPROVAL_STATES, REFUSAL_CODE_MEANINGS, REVISION_KIND_OF_STEP } from "../workflow";
import type { ApprovalState, RefusalCode as RefusalCodeName, RevisionKind as RevisionKindName } from "../workflow";

export { UserErrorCode };

/** GraphQL spelling of an internal name: secrecyReview → SECRECY_REVIEW, published → PUBLISHED. */
function constantCase(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

/** An enum object { CONSTANT_NAME: internal value } built from a list the lower layers own. */
function enumFrom<T extends string>(values: readonly T[]): Readonly<Record<string, T>> {
  return Object.fromEntries(values.map(value => [constantCase(value), value]));
}

/** Descriptions keyed by internal value, re-keyed by GraphQL name for registerEnumType. */
function described<T extends string>(meanings: Readonly<Record<T, string>>): Record<string, { description: string }> {
  return Object.fromEntries(Object.entries<string>(meanings).map(([value, description]) => [constantCase(value), { description }]));
}

/** Workflow states from the machine's own list (GraphQL DRAFT … PUBLISHED map to the state ids draft … published). */
export const ReportState = enumFrom(APPROVAL_STATES);
export type ReportState = ApprovalState;

/** Why a step is refused, from the workflow's own list. */
export const RefusalCode = enumFrom(Object.keys(REFUSAL_CODE_MEANINGS) as RefusalCodeName[]);
export type RefusalCode = RefusalCodeName;

/** The kinds of revision snapshot, from the workflow's list of steps that cut one. */
export const RevisionKind = enumFrom(Object.values(REVISION_KIND_OF_STEP));
export type RevisionKind = RevisionKindName;

/** Who made an audited change (audit records store the lower-case value). */
export enum ActorKind {
  USER = "user",
  CLI = "cli",
  SYSTEM = "system",
}

export type SectionKind = SectionDef["kind"];
/** How a section of the format is filled: narrative text or statistical tables. */
export const SectionKind = enumFrom<SectionKind>(["text", "table", "tables"]);

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
  valuesConfig: Object.fromEntries(Object.entries(USER_ERROR_CODE_MEANINGS).map(([code, description]) => [code, { description }])),
});
registerEnumType(ReportState, {
  name: "ReportState",
  description: "Where a report stands in the approval workflow.",
  valuesConfig: described<ApprovalState>({
    draft: "草稿: being written by the disclosure office; the only editable state.",
    secrecyReview: "保密审查: awaiting the secrecy review.",
    leadershipSignOff: "领导签发: awaiting the sign-off of the leader in charge.",
    approved: "已批准: signed off, awaiting publication.",
    published: "已发布: published on the disclosure portal; frozen.",
  }),
});
registerEnumType(RefusalCode, {
  name: "RefusalCode",
  description: "Why the viewer may not take a workflow step now.",
  valuesConfig: described(REFUSAL_CODE_MEANINGS),
});
registerEnumType(RevisionKind, {
  name: "RevisionKind",
  description: "The step that cut a revision snapshot.",
  valuesConfig: described<RevisionKindName>({
    submitted: "Taken when the draft was submitted to secrecy review: what the reviewers saw.",
    signed: "Taken at the leader's sign-off: the content publication must match.",
    published: "Taken at publication: what the public sees.",
  }),
});
registerEnumType(ActorKind, {
  name: "ActorKind",
  description: "Who made an audited change.",
  valuesConfig: {
    USER: { description: "A signed-in user (see actor)." },
    CLI: { description: "An operator at the server's command line (gongkai …)." },
    SYSTEM: { description: "The server itself (e.g. demo data, migrations)." },
  },
});
registerEnumType(SectionKind, {
  name: "SectionKind",
  description: "How a section is filled.",
  valuesConfig: described<SectionKind>({
    text: "Narrative text (body).",
    table: "One statistical table.",
    tables: "Several statistical tables.",
  }),
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
