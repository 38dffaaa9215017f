import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Connection } from "./connection.type";
import { ReportState, SectionKind } from "./enums";
import { FormatColumn } from "./format.type";
import { Node } from "./node.type";

@ObjectType({ description: "One of the six sections, with its text where the section is narrative." })
export class ReportSection {
  @Field({ description: "Section id, e.g. sec.overview." })
  id!: string;

  @Field()
  no!: string;

  @Field()
  title!: string;

  @Field(_type => SectionKind)
  kind!: SectionKind;

  @Field(_type => String, { nullable: true, description: "The text; null for table sections and unwritten ones." })
  body!: string | null;
}

@ObjectType({ description: "A data row of a report table: its values in the table's column order." })
export class ReportRow {
  @Field()
  id!: string;

  @Field(_type => String, { nullable: true })
  label!: string | null;

  @Field(_type => [String], { nullable: "items", description: "Decimal text per data column, null where blank (not 0)." })
  values!: (string | null)[];
}

@ObjectType({ description: "A statistical table of a report, row by row." })
export class ReportTable {
  @Field()
  id!: string;

  @Field()
  title!: string;

  @Field()
  sectionId!: string;

  @Field(_type => [FormatColumn], { description: "The data columns, in the order of each row's values." })
  columns!: FormatColumn[];

  @Field(_type => [ReportRow])
  rows!: ReportRow[];
}

@ObjectType({ implements: Node, description: "An agency's annual report on government information disclosure for one year." })
export class Report extends Node {
  @Field(_type => Int)
  year!: number;

  @Field()
  title!: string;

  @Field(_type => ReportState)
  state!: ReportState;

  @Field(_type => Int, { description: "Increases with every change; pass it back as expectedVersion to avoid lost updates." })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  /** Not exposed: used by field resolvers. */
  dbId!: number;
  agencyDbId!: number;
  formatId!: string;
}

@ObjectType({ description: "A page of reports." })
export class ReportConnection extends Connection(Report, "Report") {}

@InputType({ description: "Narrows reports; every field optional (like AuditEventFilter)." })
export class ReportFilter {
  @Field(_type => ID, { nullable: true, description: "Only reports of this agency (a global Agency id)." })
  agencyId?: string | null;

  @Field(_type => Int, { nullable: true, description: "Only reports of this report year." })
  year?: number | null;

  @Field(_type => ReportState, { nullable: true, description: "Only reports in this workflow state (as you see them)." })
  state?: ReportState | null;
}
