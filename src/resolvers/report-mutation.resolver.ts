import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { toReport } from "../schema/mappers/report.mapper";
import { ReportCellsSetInput } from "../schema/mutations/report-cells-set";
import { ReportCreateInput, ReportEditPayload, ReportPayload } from "../schema/mutations/report-create";
import { ReportImportInput, ReportImportPayload } from "../schema/mutations/report-import";
import { ReportSectionUpdateInput } from "../schema/mutations/report-section-update";
import type { GraphQLContext } from "./context";
import { requireId, withUserErrors } from "./payload";

@Resolver()
export class ReportMutationResolver {
  @Mutation(_returns => ReportPayload, { description: "Creates an empty draft report for an agency and year." })
  async reportCreate(
    @Arg("input", _type => ReportCreateInput) input: ReportCreateInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportPayload> {
    const { value, userErrors } = await withUserErrors(actor, () =>
      services.reports.create(actor, { ...input, agencyId: requireId("Agency", input.agencyId, ["input", "agencyId"]) }),
    );
    return { report: value && toReport(value), userErrors };
  }

  @Mutation(_returns => ReportEditPayload, { description: "Replaces the text of one narrative section of a draft (the same text again changes nothing)." })
  async reportSectionUpdate(
    @Arg("input", _type => ReportSectionUpdateInput) input: ReportSectionUpdateInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportEditPayload> {
    const { value, userErrors } = await withUserErrors(actor, () =>
      services.reports.updateSection(actor, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }),
    );
    return { report: value && toReport(value.report), changed: value?.changed ?? false, userErrors };
  }

  @Mutation(_returns => ReportEditPayload, {
    description: "Sets many cells of a draft in one transaction: all or nothing. Cells already at the value sent are not changes; if none differ, nothing is written.",
  })
  async reportCellsSet(
    @Arg("input", _type => ReportCellsSetInput) input: ReportCellsSetInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportEditPayload> {
    const { value, userErrors } = await withUserErrors(actor, () =>
      services.reports.setCells(actor, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }),
    );
    return { report: value && toReport(value.report), changed: value?.changed ?? false, userErrors };
  }

  @Mutation(_returns => ReportImportPayload, { description: "Imports a published report's text as a new draft." })
  async reportImport(
    @Arg("input", _type => ReportImportInput) input: ReportImportInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportImportPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.imports.importText(actor, input));
    return { report: value && toReport(value.report), warnings: value?.parsed.warnings ?? [], userErrors };
  }
}
