import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ReportState } from "./enums";
import { WorkflowAction } from "./workflow.type";

export enum ReportChangeKind {
  CREATED = "CREATED",
  IMPORTED = "IMPORTED",
  CELLS = "CELLS",
  SECTIONS = "SECTIONS",
  CHANNELS = "CHANNELS",
  ACKNOWLEDGEMENT = "ACKNOWLEDGEMENT",
  STEP = "STEP",
}

export enum InboxKind {
  WAITING = "WAITING",
  REJECTED = "REJECTED",
  PUBLISHED = "PUBLISHED",
  REMINDER = "REMINDER",
  OVERDUE = "OVERDUE",
  WEBHOOK_DISABLED = "WEBHOOK_DISABLED",
  SCHEDULE_REFUSED = "SCHEDULE_REFUSED",
}

registerEnumType(ReportChangeKind, {
  name: "ReportChangeKind",
  description: "What a change touched: content (cells, sections, channels, an import) or a workflow STEP.",
});
registerEnumType(InboxKind, {
  name: "InboxKind",
  description:
    "WAITING: a report now waits for a step you may take; REJECTED / PUBLISHED: a report you worked on was rejected (with the reason) or published; SCHEDULE_REFUSED: the publication you scheduled was refused at its time (the reason says why); OVERDUE: a report you worked on passed its publication deadline unpublished.",
});

@ObjectType({
  description: "One committed change of a report, in audit-log order (`seq`). Outside the report's agency only publications are sent, without who or why.",
})
export class ReportChange {
  @Field(_type => Int, { description: "The audit record's number; pass the last one seen as afterSeq when reconnecting." })
  seq!: number;

  @Field(_type => ID)
  reportId!: string;

  @Field({ description: "When it was committed (ISO 8601 UTC)." })
  at!: string;

  @Field(_type => Int, { nullable: true, description: "The report's version after the change." })
  version!: number | null;

  @Field(_type => ReportState, { description: "The report's state after the change." })
  state!: ReportState;

  @Field(_type => [ReportChangeKind])
  changed!: ReportChangeKind[];

  @Field(_type => WorkflowAction, { nullable: true, description: "The step taken, when `changed` is STEP." })
  step!: WorkflowAction | null;

  @Field(_type => String, { nullable: true, description: "A rejection's or withdrawal's reason." })
  reason!: string | null;

  @Field(_type => [String], { description: "Keys of the cells that changed (CELLS)." })
  cellKeys!: string[];

  @Field(_type => String, { nullable: true, description: "The section that changed (SECTIONS)." })
  sectionId!: string | null;

  @Field(_type => String, { nullable: true, description: "Who made the change; null outside the report's agency." })
  by!: string | null;
}

@ObjectType({ description: "Something for the signed-in user: a report waiting for their step, or their report's rejection or publication." })
export class InboxEntry {
  @Field(_type => Int)
  seq!: number;

  @Field(_type => Date)
  at!: Date;

  @Field(_type => ID)
  reportId!: string;

  @Field(_type => InboxKind)
  kind!: InboxKind;

  @Field(_type => WorkflowAction, { nullable: true, description: "For WAITING: the step you may take next." })
  action!: WorkflowAction | null;

  @Field(_type => String, { nullable: true })
  reason!: string | null;

  @Field({ description: "Who took the step that caused this entry." })
  by!: string;
}
