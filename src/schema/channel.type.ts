import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "One bar of the chart in section 一: items proactively disclosed through one channel." })
export class ChannelCount {
  @Field({ description: "The channel, e.g. 政府门户网站, 南方+, 微博." })
  label!: string;

  @Field(_type => Int, { description: "Items disclosed through it during the year." })
  count!: number;
}
