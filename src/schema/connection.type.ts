import { Field, Int, ObjectType } from "type-graphql";
import { Report } from "./report.type";

@ObjectType({ description: "Where a page of a connection ends." })
export class PageInfo {
  @Field(_type => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType()
export class ReportEdge {
  @Field()
  cursor!: string;

  @Field(_type => Report)
  node!: Report;
}

@ObjectType({ description: "A page of reports." })
export class ReportConnection {
  @Field(_type => [ReportEdge])
  edges!: ReportEdge[];

  @Field(_type => [Report])
  nodes!: Report[];

  @Field(_type => PageInfo)
  pageInfo!: PageInfo;

  @Field(_type => Int)
  totalCount!: number;
}
