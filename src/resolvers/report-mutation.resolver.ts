import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { requireSignedIn } from "../services/access";
import { parseOrFail } from "../services/import.service";
import { ReportImportPreview } from "../schema/mutations/report-import-preview";
import { toReport } from "../schema/mappers/report.mapper";
import { ReportCellsSetInput } from "../schema/mutations/report-cells-set";
import { ReportCreateInput, ReportPayload } from "../schema/mutations/report-create";
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

  @Mutation(_returns => ReportPayload, { description: "Replaces the text of one narrative section of a draft." })
  async reportSectionUpdate(
    @Arg("input", _type => ReportSectionUpdateInput) input: ReportSectionUpdateInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportPayload> {
    const { value, userErrors } = await withUserErrors(actor, () =>
      services.reports.updateSection(actor, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }),
    );
    return { report: value && toReport(value), userErrors };
  }

  @Mutation(_returns => ReportPayload, { description: "Sets many cells of a draft in one transaction: all or nothing." })
  async reportCellsSet(
    @Arg("input", _type => ReportCellsSetInput) input: ReportCellsSetInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportPayload> {
    const { value, userErrors } = await withUserErrors(actor, () =>
      services.reports.setCells(actor, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }),
    );
    return { report: value && toReport(value), userErrors };
  }

  @Query(_returns => ReportImportPreview, { description: "Reads a report's text as reportImport would, writing nothing: what was read and every warning." })
  async reportImportPreview(
    @Arg("input", _type => ReportImportInput) input: ReportImportInput,
    @Ctx() { actor }: GraphQLContext,
  ): Promise<ReportImportPreview> {
    requireSignedIn(actor);
    const { value: parsed, userErrors } = await withUserErrors(actor, async () => parseOrFail(input));
    const cells = parsed ? Object.values(parsed.cells) : [];
    return {
      agencyName: parsed?.agency ?? null,
      year: parsed?.year ?? null,
      formatId: parsed?.format ?? null,
      cellCount: cells.length,
      blankCount: cells.filter(value => value === null).length,
      sections: Object.entries(parsed?.sections ?? {}).map(([sectionId, body]) => ({ sectionId, characters: body.length })),
      channelCount: parsed?.extras.channelDistribution?.length ?? 0,
      warnings: parsed?.warnings ?? [],
      userErrors,
    };
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
