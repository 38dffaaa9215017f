import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "New text for one narrative section of a draft." })
export class ReportSectionUpdateInput {
  @Field(_type => ID)
  reportId!: string;

  @Field({ description: "sec.overview, sec.problems or sec.other." })
  sectionId!: string;

  @Field({ description: "The whole text of the section (at most 100,000 characters)." })
  body!: string;

  @Field(_type => Int, { nullable: true, description: "The version you edited; a stale one fails with CONFLICT." })
  expectedVersion?: number | null;
}
