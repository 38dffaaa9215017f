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

@ObjectType({ description: "The draft after a content change (cells, a section, the channel chart), or the problems that stopped it." })
export class ReportEditPayload {
  @Field(_type => Report, { nullable: true })
  report!: Report | null;

  @Field({
    description:
      "true when the values sent differed from the stored ones and were saved (new version, one audit record); false when they were all already so — nothing was written, the version stays, no audit record — or when userErrors stopped the change.",
  })
  changed!: boolean;

  @Field(_type => [UserError])
  userErrors!: UserError[];
}
