import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Agency, AgencyConnection } from "../schema/agency.type";
import { connectionOf } from "../schema/connection.type";
import { toAgency, toReport } from "../schema/mappers/report.mapper";
import { AgencyCreateInput, AgencyCreatePayload } from "../schema/mutations/agency-create";
import { toGlobalId } from "../schema/node-id";
import { Report } from "../schema/report.type";
import { MAX_ID_PAGE } from "../services/id-pages";
import type { GraphQLContext } from "./context";
import { afterId, withUserErrors } from "./payload";

@Resolver(_of => Agency)
export class AgencyResolver {
  @Query(_returns => AgencyConnection, { description: "All agencies, in creation order, a page at a time." })
  async agencies(
    @Ctx() { services }: GraphQLContext,
    @Arg("first", _type => Int, { defaultValue: 100, description: `How many agencies to return (1–${MAX_ID_PAGE}).` }) first: number,
    @Arg("after", _type => String, { nullable: true, description: "Return agencies after this cursor (a previous page's endCursor)." })
    after: string | null,
  ): Promise<AgencyConnection> {
    const page = await services.agencies.page(first, afterId("Agency", after));
    return connectionOf(page, toAgency, agency => toGlobalId("Agency", agency.id), after);
  }

  @Query(_returns => Agency, { nullable: true, description: "An agency by its code." })
  async agency(@Arg("code") code: string, @Ctx() { services }: GraphQLContext): Promise<Agency | null> {
    const agency = await services.agencies.findByCode(code);
    return agency ? toAgency(agency) : null;
  }

  @FieldResolver(_returns => Agency, { nullable: true, description: "The supervising office." })
  async parent(@Root() agency: Agency, @Ctx() { loaders }: GraphQLContext): Promise<Agency | null> {
    const parent = agency.parentDbId ? await loaders.agency.load(agency.parentDbId) : null;
    return parent ? toAgency(parent) : null;
  }

  @FieldResolver(_returns => Report, { nullable: true, description: "This agency's report for a year, if it exists." })
  async report(@Root() agency: Agency, @Arg("year", _type => Int) year: number, @Ctx() { loaders }: GraphQLContext): Promise<Report | null> {
    const report = await loaders.reportByAgencyYear.load(`${agency.dbId}:${year}`);
    return report ? toReport(report) : null;
  }

  @Mutation(_returns => AgencyCreatePayload, { description: "Registers an agency." })
  async agencyCreate(
    @Arg("input", _type => AgencyCreateInput) input: AgencyCreateInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<AgencyCreatePayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.agencies.create(actor, input));
    return { agency: value && toAgency(value), userErrors };
  }
}
