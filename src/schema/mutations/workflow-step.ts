import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A draft that was already published elsewhere: when and where (RECORD_PUBLISHED)." })
export class ReportRecordPublishedInput {
  @Field(_type => ID)
  reportId!: string;

  @Field(_type => Int)
  expectedVersion!: number;

  @Field()
  publishedAt!: string;

  @Field()
  sourceUrl!: string;
}

@InputType({ description: "One workflow step on a report." })
export class ReportWorkflowInput {
  @Field(_type => ID)
  reportId!: string;

  @Field(_type => Int, { description: "The version the decision was made on; a stale one fails with CONFLICT." })
  expectedVersion!: number;

  @Field(_type => String, { nullable: true, description: "Required for REJECT and CORRECT; kept in the history." })
  reason?: string | null;
}

@InputType({ description: "Schedule an approved report's publication." })
export class ReportSchedulePublishInput {
  @Field(_type => ID)
  reportId!: string;

  @Field(_type => Int, { description: "The version the decision was made on; a stale one fails with CONFLICT." })
  expectedVersion!: number;

  @Field(_type => Date, { description: "When to publish (ISO 8601 date-time, later than now)." })
  at!: Date;
}
