import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { ChannelCount } from "../schema/channel.type";
import { ReportChannelsSetInput } from "../schema/mutations/report-channels-set";
import { ReportEditPayload } from "../schema/mutations/report-create";
import { Report } from "../schema/report.type";
import type { GraphQLContext } from "./context";
import { reportEditPayload, requireId } from "./payload";

/** The optional channel chart of section 一: read with the report's content, set through the service layer. */
@Resolver(_of => Report)
export class ReportChannelsResolver {
  @FieldResolver(_returns => [ChannelCount], {
    description:
      "The chart of section 一 (items disclosed per channel), in order; [] when there is none. Like the tables, the public sees the published revision's.",
  })
  async channels(@Root() report: Report, @Ctx() { loaders }: GraphQLContext): Promise<ChannelCount[]> {
    return (await loaders.content.load(report.dbId)).channels ?? [];
  }

  @Mutation(_returns => ReportEditPayload, {
    description: "Replaces the channel chart of a draft's section 一: all or nothing (the same chart again changes nothing).",
  })
  async reportChannelsSet(
    @Arg("input", _type => ReportChannelsSetInput) input: ReportChannelsSetInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportEditPayload> {
    return reportEditPayload(actor, () =>
      services.reports.setChannels(actor, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }),
    );
  }
}
