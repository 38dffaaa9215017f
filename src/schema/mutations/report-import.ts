import { Field, InputType, Int, ObjectType } from "type-graphql";
import { Report } from "../report.type";
import { UserError } from "../user-error.type";

@InputType({ description: "A published report's text (Word, PDF, HTML or Markdown export) to import as a draft." })
export class ReportImportInput {
  @Field({ description: "The report's text." })
  text!: string;

  @Field(_type => String, { nullable: true, description: "Import into this existing agency." })
  agencyCode?: string | null;

  @Field(_type => String, { nullable: true, description: "Overrides the agency named in the text." })
  agencyName?: string | null;

  @Field(_type => Int, { nullable: true, description: "Overrides the year named in the text." })
  year?: number | null;
}

@ObjectType()
export class ReportImportPayload {
  @Field(_type => Report, { nullable: true })
  report!: Report | null;

  @Field(_type => [String], { description: "What the importer noticed and the author should check." })
  warnings!: string[];

  @Field(_type => [UserError])
  userErrors!: UserError[];
}
