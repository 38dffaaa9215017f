import { Field, ID, Int, ObjectType } from "type-graphql";
import { CellType, RuleKind, SectionKind, Severity } from "./enums";

@ObjectType({ description: "The years a format applies to." })
export class YearRange {
  @Field(_type => Int)
  from!: number;

  @Field(_type => Int, { nullable: true, description: "Null while the format is current." })
  to!: number | null;
}

@ObjectType({ description: "One of the six sections (一 … 六) of a report." })
export class FormatSection {
  @Field(_type => ID, { description: "e.g. sec.overview" })
  id!: string;

  @Field({ description: "Chinese numeral: 一 … 六." })
  no!: string;

  @Field()
  title!: string;

  @Field(_type => SectionKind, { description: "TEXT: narrative the author writes; TABLE/TABLES: statistics." })
  kind!: SectionKind;

  @Field(_type => [String], { description: "Ids of the tables in this section." })
  tableIds!: string[];
}

@ObjectType({ description: "A column of a table; group headers have children and no cells." })
export class FormatColumn {
  @Field(_type => ID)
  id!: string;

  @Field()
  label!: string;

  @Field(_type => String, { nullable: true })
  parentId!: string | null;

  @Field(_type => Int, { description: "0 for top-level headers; used to draw merged header cells." })
  depth!: number;

  @Field({ description: "True when the column holds cells (false for group headers)." })
  isData!: boolean;

  @Field(_type => CellType, { nullable: true })
  type!: CellType | null;

  @Field(_type => String, { nullable: true, description: "e.g. 万元" })
  unit!: string | null;

  @Field(_type => Int, { nullable: true, description: "Lowest allowed value; null means negatives are allowed." })
  min!: number | null;

  @Field(_type => [String], { description: "Other labels seen in published reports." })
  labelVariants!: string[];
}

@ObjectType({ description: "A row of a table; group rows (e.g. （三）不予公开) have children and no cells." })
export class FormatRow {
  @Field(_type => ID)
  id!: string;

  @Field(_type => String, { nullable: true, description: "Null for the review table's single unlabeled row." })
  label!: string | null;

  @Field(_type => String, { nullable: true })
  parentId!: string | null;

  @Field(_type => Int)
  depth!: number;

  @Field()
  isData!: boolean;

  @Field(_type => [String])
  labelVariants!: string[];
}

@ObjectType({ description: "A statistical table of the national format." })
export class FormatTable {
  @Field(_type => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(_type => ID)
  sectionId!: string;

  @Field(_type => String, { nullable: true, description: "Header of the row-label column, e.g. 信息内容." })
  rowHeaderLabel!: string | null;

  @Field(_type => String, { nullable: true, description: "Text printed in the corner cell (the 勾稽关系 note)." })
  cornerNote!: string | null;

  @Field(_type => [FormatColumn], { description: "The column tree in display order (parents before children)." })
  columns!: FormatColumn[];

  @Field(_type => [FormatRow], { description: "The row tree in display order." })
  rows!: FormatRow[];
}

@ObjectType({ description: "A consistency or completeness check the validator applies." })
export class FormatRule {
  @Field(_type => ID)
  id!: string;

  @Field(_type => RuleKind)
  kind!: RuleKind;

  @Field(_type => Severity)
  severity!: Severity;

  @Field()
  description!: string;
}

@ObjectType({ description: "A cell that carries last year's figure: it must equal a cell of the same agency's report for the year before." })
export class FormatCarryOver {
  @Field({ description: "This year's cell, e.g. apply/apply.carry_over/col.natural (上年结转)." })
  key!: string;

  @Field({ description: "Last year's cell it must equal, e.g. apply/apply.carry_forward/col.natural (结转下年度继续办理)." })
  previousKey!: string;
}

@ObjectType({ description: "A national report format (国办公开办函): sections, tables and rules as data." })
export class Format {
  @Field(_type => ID, { description: "gb2019 or gb2021." })
  id!: string;

  @Field()
  name!: string;

  @Field()
  issuer!: string;

  @Field({ description: "Issuing document number." })
  docNo!: string;

  @Field(_type => YearRange)
  reportYears!: YearRange;

  @Field(_type => [FormatSection])
  sections!: FormatSection[];

  @Field(_type => [FormatTable])
  tables!: FormatTable[];

  @Field(_type => [FormatRule])
  rules!: FormatRule[];

  @Field(_type => [FormatCarryOver], { description: "The cross-year rules as cell pairs, to show last year's figures beside this year's." })
  carryOver!: FormatCarryOver[];
}
