import { Field, Int, ObjectType } from "type-graphql";
import { Agency } from "./agency.type";
import { ReportState } from "./enums";
import { Report, ReportTable } from "./report.type";

@ObjectType()
export class StateCount {
  @Field(_type => ReportState)
  state!: ReportState;

  @Field(_type => Int)
  count!: number;
}

@ObjectType({ description: "Totals and lateness over an agency and every agency under it, for one year." })
export class Statistics {
  @Field(_type => Int)
  year!: number;

  @Field(_type => Agency)
  agency!: Agency;

  @Field({ description: "The format of the year, whose tables are summed." })
  formatId!: string;

  @Field({
    description:
      "31 January of the following year: the departments' deadline. Overdue and late are judged per agency by its kind (条例 art. 49: a local people's government's report is due 31 March).",
  })
  dueDate!: string;

  @Field(_type => Int, { description: "Published reports whose tables are summed." })
  summedReports!: number;

  @Field(_type => Int, { description: "Published reports left out of the sums: laid out in the other format's template." })
  excludedReports!: number;

  @Field(_type => [ReportTable], { description: "The application (三) and review/litigation (四) tables, summed cell by cell." })
  tables!: ReportTable[];

  @Field(_type => [StateCount], { description: "Reports of the year by workflow state." })
  byState!: StateCount[];

  @Field(_type => [Report], { description: "Past the deadline and never published (at most 500)." })
  overdue!: Report[];

  @Field(_type => [Report], { description: "Published after the deadline (at most 500)." })
  publishedLate!: Report[];

  @Field(_type => [Agency], { description: "Agencies with no report for the year once it is due (at most 500)." })
  missing!: Agency[];
}
