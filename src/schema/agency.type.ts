import { Field, ObjectType } from "type-graphql";
import { Connection } from "./connection.type";
import { AgencyKindEnum, AgencyLevelEnum } from "./enums";
import { Node } from "./node.type";

@ObjectType({ implements: Node, description: "An administrative agency (行政机关) that publishes an annual report." })
export class Agency extends Node {
  @Field({ description: "Stable unique code, used in URLs and imports." })
  code!: string;

  @Field()
  name!: string;

  @Field(_type => AgencyKindEnum, { description: "人民政府 or 政府部门." })
  kind!: AgencyKindEnum;

  @Field(_type => AgencyLevelEnum, { nullable: true, description: "Administrative level; null when not recorded." })
  level!: AgencyLevelEnum | null;

  @Field({ description: "Month and day (MM-DD) of the year after the report year by which this agency's report must be published (条例 第四十九条)." })
  deadline!: string;

  /** Database ids, not exposed: resolvers use them to load relations. */
  dbId!: number;
  parentDbId!: number | null;
}

@ObjectType({ description: "A page of agencies, in creation order." })
export class AgencyConnection extends Connection(Agency, "Agency") {}
