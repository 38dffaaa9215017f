import { Field, Int, ObjectType } from "type-graphql";
import { UserError } from "../user-error.type";

@ObjectType({ description: "One narrative section as the importer read it." })
export class ImportPreviewSection {
  @Field()
  sectionId!: string;

  @Field(_type => Int)
  characters!: number;
}

@ObjectType({ description: "What an import would read from a text, before anything is written." })
export class ReportImportPreview {
  @Field(_type => String, { nullable: true, description: "The agency named in the text (or the override)." })
  agencyName!: string | null;

  @Field(_type => Int, { nullable: true })
  year!: number | null;

  @Field(_type => String, { nullable: true, description: "gb2019 or gb2021: the template the text is laid out in." })
  formatId!: string | null;

  @Field(_type => Int, { description: "Cells found in the text (blank ones included)." })
  cellCount!: number;

  @Field(_type => Int, { description: "Of those, cells printed blank." })
  blankCount!: number;

  @Field(_type => [ImportPreviewSection])
  sections!: ImportPreviewSection[];

  @Field(_type => Int, { description: "Channels of the section 一 chart found." })
  channelCount!: number;

  @Field(_type => [String], { description: "What the importer noticed and the author should check." })
  warnings!: string[];

  @Field(_type => [UserError], { description: "Why the text cannot be imported at all (e.g. UNREADABLE_INPUT)." })
  userErrors!: UserError[];
}
