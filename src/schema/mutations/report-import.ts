import { Field, InputType, Int, ObjectType } from "type-graphql";
import { Agency } from "../agency.type";
import { Report } from "../report.type";
import { UserError } from "../user-error.type";

@InputType({
  description:
    "A report file uploaded inside the GraphQL request, base64-encoded: PDF with text, DOCX, a saved web page, or text (UTF-8 or GB18030), told by its content. At most 5 MB before encoding.",
})
export class ReportFileInput {
  @Field(_type => String, { nullable: true, description: "The file's name, kept in the audit trail (its kind is told by the content, not the name)." })
  name?: string | null;

  @Field({ description: "The file's bytes, base64-encoded (RFC 4648)." })
  contentBase64!: string;
}

@InputType({ description: "A published report to import as a new draft: its text, or the file itself (exactly one)." })
export class ReportImportInput {
  @Field(_type => String, { nullable: true, description: "The report's text (Word, PDF, HTML or Markdown export)." })
  text?: string | null;

  @Field(_type => ReportFileInput, { nullable: true, description: "The report file (PDF, DOCX, HTML or text)." })
  file?: ReportFileInput | null;

  @Field(_type => String, { nullable: true, description: "Import into this existing agency." })
  agencyCode?: string | null;

  @Field(_type => String, { nullable: true, description: "Overrides the agency named in the text." })
  agencyName?: string | null;

  @Field(_type => String, {
    nullable: true,
    description:
      "When the import creates the agency by name (not for a signed-in user, who imports into their own): its code, used in the public URL /reports/CODE/YEAR.",
  })
  newAgencyCode?: string | null;

  @Field(_type => Int, { nullable: true, description: "Overrides the year named in the text." })
  year?: number | null;

  @Field(_type => String, { nullable: true })
  publishedAt?: string | null;

  @Field(_type => String, { nullable: true })
  sourceUrl?: string | null;
}

@ObjectType()
export class ReportImportPayload {
  @Field(_type => Report, { nullable: true })
  report!: Report | null;

  @Field(_type => Agency, { nullable: true })
  agency!: Agency | null;

  @Field(_type => Boolean, { nullable: true })
  agencyCreated!: boolean | null;

  @Field(_type => [String], { description: "What the importer noticed and the author should check." })
  warnings!: string[];

  @Field(_type => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: "One cell the importer read: its key (table/row/column) and value (null = printed blank)." })
export class ImportedCell {
  @Field()
  key!: string;

  @Field(_type => String, { nullable: true, description: "Canonical decimal text, or null where the cell is printed blank." })
  value!: string | null;
}

@ObjectType()
export class ImportedSection {
  @Field()
  id!: string;

  @Field()
  body!: string;
}

@ObjectType({ description: "The file as received." })
export class ImportedFileInfo {
  @Field(_type => String, { nullable: true })
  name!: string | null;

  @Field({ description: "What the content is: pdf, docx, html or text." })
  kind!: string;

  @Field({ description: "SHA-256 of the file's bytes, hex." })
  sha256!: string;

  @Field(_type => Int)
  bytes!: number;
}

@ObjectType({ description: "What an import of this file would store, before anything is written." })
export class ImportPreview {
  @Field({ description: "The national format the tables follow (gb2019 or gb2021)." })
  format!: string;

  @Field(_type => Int, { nullable: true, description: "The report year; null when the file does not say (give it on import)." })
  year!: number | null;

  @Field({ description: "The agency named in the title (may be empty)." })
  agency!: string;

  @Field(_type => [ImportedCell], { description: "Every cell found, in form order; a cell of the format that is not listed was not found." })
  cells!: ImportedCell[];

  @Field(_type => [String], { description: "Cells of the format the file did not give." })
  missingCells!: string[];

  @Field(_type => [String], { description: "Cells read among several possible readings the rules could not tell apart: check them." })
  uncertainCells!: string[];

  @Field(_type => [ImportedSection])
  sections!: ImportedSection[];

  @Field(_type => [String], { description: "Everything the importer noticed." })
  warnings!: string[];

  @Field(_type => ImportedFileInfo)
  file!: ImportedFileInfo;
}

@ObjectType()
export class ReportImportPreviewPayload {
  @Field(_type => ImportPreview, { nullable: true })
  preview!: ImportPreview | null;

  @Field(_type => [UserError])
  userErrors!: UserError[];
}
