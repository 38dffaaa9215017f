import { Field, ID, InterfaceType } from "type-graphql";

@InterfaceType({ description: "An object with a globally unique, opaque id." })
export abstract class Node {
  @Field(_type => ID)
  id!: string;
}
