import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Agency } from "../schema/agency.type";
import { AuditEvent } from "../schema/audit.type";
import { toAgency, toReport } from "../schema/mappers/report.mapper";
import { fromGlobalId } from "../schema/node-id";
import { Report } from "../schema/report.type";
import type { GraphQLContext } from "./context";

/** Object references beside AuditEvent's raw ids (Shopify rule #8), read under the viewer's scope. */
@Resolver(_of => AuditEvent)
export class AuditEventResolver {
  @FieldResolver(_returns => Agency, { nullable: true, description: "The agency the change belongs to, if any." })
  async agency(@Root() event: AuditEvent, @Ctx() { loaders }: GraphQLContext): Promise<Agency | null> {
    const id = event.agencyId ? fromGlobalId("Agency", event.agencyId) : null;
    const entity = id ? await loaders.agency.load(id) : null;
    return entity ? toAgency(entity) : null;
  }

  @FieldResolver(_returns => Report, {
    nullable: true,
    description: "The report the change belongs to, if any and if you may see it now (reportId stays as recorded).",
  })
  async report(@Root() event: AuditEvent, @Ctx() { loaders }: GraphQLContext): Promise<Report | null> {
    const id = event.reportId ? fromGlobalId("Report", event.reportId) : null;
    const entity = id ? await loaders.report.load(id) : null;
    return entity ? toReport(entity) : null;
  }
}
