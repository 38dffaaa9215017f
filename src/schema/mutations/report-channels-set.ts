import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "One channel and the number of items disclosed through it." })
export class ChannelCountInput {
  @Field({ description: "The channel's name as printed under the chart (at most 100 characters, unique in the list)." })
  label!: string;

  @Field(_type => Int, { description: "A whole number of items, 0 or more." })
  count!: number;
}

@InputType({ description: "The whole channel chart of a draft's section 一, replacing the previous one; [] removes it." })
export class ReportChannelsSetInput {
  @Field(_type => ID)
  reportId!: string;

  @Field(_type => [ChannelCountInput], { description: "In the order to show (at most 30)." })
  channels!: ChannelCountInput[];

  @Field(_type => Int, { nullable: true, description: "The version you edited; a stale one fails with CONFLICT." })
  expectedVersion?: number | null;
}
