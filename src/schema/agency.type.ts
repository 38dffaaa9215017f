import { Field, ObjectType } from "type-graphql";
import { Node } from "./node.type";

@ObjectType({ implements: Node, description: "An administrative agency (行政机关) that publishes an annual report." })
export class Agency extends Node {
  @Field({ description: "Stable unique code, used in URLs and imports." })
  code!: string;

  @Field()
  name!: string;

  /** Database ids, not exposed: resolvers use them to load relations. */
  dbId!: number;
  parentDbId!: number | null;
}
