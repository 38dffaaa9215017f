import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Report } from "./report.type";
import { UserError } from "./user-error.type";

@ObjectType({ description: "A reviewer's record that a WARNING was considered: who, when and why. Kept per report revision." })
export class WarningAcknowledgement {
  @Field(_type => Int, { description: "The workflow revision (1, then one more per correction) the warning was raised on." })
  revision!: number;

  @Field(_type => Int, { description: "The report's version when acknowledged: the content the reviewer looked at." })
  reportVersion!: number;

  @Field()
  ruleId!: string;

  @Field({ description: "The warning's fingerprint, as listed on Violation.fingerprint." })
  fingerprint!: string;

  @Field({ description: "The warning's message as it read then." })
  message!: string;

  @Field({ description: "Why the report needs no change." })
  reason!: string;

  @Field({ description: "Who acknowledged it (user name, or cli/system)." })
  by!: string;

  @Field()
  at!: Date;
}

@InputType({ description: "Record that one current WARNING of a report was considered." })
export class ReportWarningAcknowledgeInput {
  @Field(_type => ID)
  reportId!: string;

  @Field({ description: "Violation.fingerprint of a current WARNING (ERRORs must be fixed, not acknowledged)." })
  fingerprint!: string;

  @Field({ description: "Why the report needs no change (1–1000 characters)." })
  reason!: string;
}

@ObjectType()
export class ReportWarningAcknowledgePayload {
  @Field(_type => WarningAcknowledgement, { nullable: true })
  acknowledgement!: WarningAcknowledgement | null;

  @Field(_type => Report, { nullable: true })
  report!: Report | null;

  @Field(_type => [UserError])
  userErrors!: UserError[];
}
