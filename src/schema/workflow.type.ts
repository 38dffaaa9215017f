import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { EVENT_LABELS, ROLE_LABELS, ROLES, WORKFLOW_EVENT_TYPES } from "../workflow";
import type { Role as RoleName, WorkflowEventType } from "../workflow";
import { RefusalCode, ReportState } from "./enums";
import { Node } from "./node.type";
import { User } from "./viewer.type";

/** Imperative workflow events (GitHub's vocabulary: events are verbs, states past tense), from the machine's own list. */
export const WorkflowAction = enumOf(WORKFLOW_EVENT_TYPES);
export type WorkflowAction = WorkflowEventType;

/** Roles, from the workflow's own list. */
export const Role = enumOf(ROLES);
export type Role = RoleName;

function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map(value => [value, value])) as { [K in T]: K };
}

/** Enum value descriptions from the machine's own labels, so the schema and the console say the same. */
function labelled(labels: Readonly<Record<string, string>>): Record<string, { description: string }> {
  return Object.fromEntries(Object.entries(labels).map(([value, label]) => [value, { description: label }]));
}

registerEnumType(WorkflowAction, {
  name: "WorkflowAction",
  description: "A step of the approval workflow; each has its own mutation (reportSubmit, reportClearSecrecy, …).",
  valuesConfig: labelled(EVENT_LABELS),
});
registerEnumType(Role, {
  name: "Role",
  description:
    "Roles within one agency: DRAFTER (信息公开工作机构), SECRECY_REVIEWER (保密审查), LEADER (领导小组组长/分管领导), PUBLISHER, AUDITOR (reads its agency and those under it), ADMIN (manages users).",
  valuesConfig: labelled(ROLE_LABELS),
});

@ObjectType({ description: "Why the viewer cannot take an action now." })
export class WorkflowRefusal {
  @Field(_type => RefusalCode, { description: "Which rule refused the step (stable; the message may change)." })
  code!: RefusalCode;

  @Field({ description: "What to do about it (English and Chinese)." })
  message!: string;
}

@ObjectType({ description: "One action and whether the viewer may take it now (GitHub's viewerCan…/viewerCannot…Reasons)." })
export class AvailableAction {
  @Field(_type => WorkflowAction)
  action!: WorkflowAction;

  @Field()
  allowed!: boolean;

  @Field({ description: "The mutation needs a reason (REJECT, CORRECT)." })
  reasonRequired!: boolean;

  @Field(_type => [WorkflowRefusal], { description: "Empty when allowed." })
  reasons!: WorkflowRefusal[];
}

@ObjectType({ description: "Where a report stands in the approval process." })
export class WorkflowStatus {
  @Field(_type => ReportState)
  state!: ReportState;

  @Field(_type => Int, { description: "Pass as expectedVersion to the next step." })
  version!: number;

  @Field(_type => Int, { description: "1, then +1 for each correction after publication." })
  revision!: number;

  @Field(_type => Int, { nullable: true, description: "The revision the public sees now; null until first published." })
  publishedRevision!: number | null;

  @Field({
    description:
      "The publication deadline (条例 art. 49) from the agency's kind: 31 January of the following year for a department, 31 March for a local people's government; Beijing date YYYY-MM-DD.",
  })
  dueDate!: string;

  @Field({ description: "Past the due date and never published." })
  overdue!: boolean;

  @Field({ description: "First published after the due date." })
  publishedLate!: boolean;

  @Field(_type => String, { nullable: true, description: "Why the current revision corrects a published one." })
  correctionReason!: string | null;

  @Field(_type => Date, {
    nullable: true,
    description:
      "When the approved report will be published by itself (reportSchedulePublish); null when no schedule stands. Insiders only: null for everyone else.",
  })
  scheduledPublishAt!: Date | null;

  @Field(_type => String, {
    nullable: true,
    description: "The name of the publisher who scheduled the publication; insiders only.",
    deprecationReason: "Use scheduler { id name }.",
  })
  scheduledBy!: string | null;

  @Field(_type => User, {
    nullable: true,
    description:
      "The publisher who scheduled the publication (it is taken in their name); null when no schedule stands. Insiders only: null for everyone else.",
  })
  scheduler!: User | null;

  @Field(_type => [AvailableAction], { description: "Every action, for the viewer." })
  availableActions!: AvailableAction[];

  /** The report's database id, the instant the status was read at and the scheduling publisher's id: read by the field resolvers (WorkflowStatusResolver), never exposed. */
  reportDbId!: number;
  at!: Date;
  scheduledById!: number | null;
}

@ObjectType({ implements: Node, description: "A step taken in the workflow." })
export class WorkflowStep implements Node {
  @Field(_type => ID, { description: "Opaque global id; pass it to node or nodes." })
  id!: string;

  @Field(_type => WorkflowAction)
  action!: WorkflowAction;

  @Field(_type => ReportState)
  fromState!: ReportState;

  @Field(_type => ReportState)
  toState!: ReportState;

  /** The database id of the user who took the step; read by the actor field, never exposed. */
  actorUserId!: number;

  @Field(_type => Role)
  role!: Role;

  @Field(_type => String, { nullable: true })
  reason!: string | null;

  @Field({ description: "SHA-256 of the content the step acted on." })
  contentHash!: string;

  @Field(_type => Int, { description: "The report version the step produced." })
  version!: number;

  @Field()
  at!: Date;
}

@ObjectType({ description: "A workflow state, for drawing the process." })
export class WorkflowStateDefinition {
  @Field(_type => ReportState)
  state!: ReportState;

  @Field()
  label!: string;

  @Field()
  initial!: boolean;

  @Field()
  final!: boolean;
}

@ObjectType({ description: "A workflow action: from which states, to which, by which roles." })
export class WorkflowActionDefinition {
  @Field(_type => WorkflowAction)
  action!: WorkflowAction;

  @Field()
  label!: string;

  @Field(_type => [ReportState])
  from!: ReportState[];

  @Field(_type => ReportState)
  to!: ReportState;

  @Field(_type => [Role])
  roles!: Role[];

  @Field()
  reasonRequired!: boolean;

  @Field({ description: "Only the user who submitted may take it (WITHDRAW)." })
  submitterOnly!: boolean;
}

@ObjectType({ description: "The approval process as data." })
export class WorkflowDefinition {
  @Field(_type => [WorkflowStateDefinition])
  states!: WorkflowStateDefinition[];

  @Field(_type => [WorkflowActionDefinition])
  actions!: WorkflowActionDefinition[];
}
