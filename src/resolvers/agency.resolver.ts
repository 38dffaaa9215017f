import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Agency } from "../schema/agency.type";
import { toAgency, toReport } from "../schema/mappers/report.mapper";
import { AgencyCreateInput, AgencyCreatePayload } from "../schema/mutations/agency-create";
import { Report } from "../schema/report.type";
import type { GraphQLContext } from "./context";
import { withUserErrors } from "./payload";

@Resolver(_of => Agency)
export class AgencyResolver {
  @Query(_returns => [Agency], { description: "All agencies, in creation order." })
  async agencies(@Ctx() { services }: GraphQLContext): Promise<Agency[]> {
    return (await services.agencies.list()).map(toAgency);
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
  async report(
    @Root() agency: Agency,
    @Arg("year", _type => Int) year: number,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Report | null> {
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
