import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Report } from "../report.type";
import { UserError } from "../user-error.type";

@InputType({ description: "A new, empty draft report; its format follows from the year." })
export class ReportCreateInput {
  @Field(_type => ID)
  agencyId!: string;

  @Field(_type => Int, { description: "The year reported on (2019 or later, not in the future)." })
  year!: number;

  @Field(_type => String, { nullable: true, description: "Defaults to 《<agency><year>年政府信息公开工作年度报告》." })
  title?: string | null;
}

@ObjectType({ description: "The report a mutation changed, or the problems that stopped it." })
export class ReportPayload {
  @Field(_type => Report, { nullable: true })
  report!: Report | null;

  @Field(_type => [UserError])
  userErrors!: UserError[];
}
