import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { getFormat } from "../formats";
import { toAgency, toReport } from "../schema/mappers/report.mapper";
import { ReportCellsSetInput } from "../schema/mutations/report-cells-set";
import { ReportCreateInput, ReportEditPayload, ReportPayload } from "../schema/mutations/report-create";
import { ReportFileInput, ReportImportInput, ReportImportPayload, ReportImportPreviewPayload } from "../schema/mutations/report-import";
import { ReportSectionUpdateInput } from "../schema/mutations/report-section-update";
import { UserErrorCode, problem } from "../services/errors";
import type { GraphQLContext } from "./context";
import { reportEditPayload, reportPayload, requireId, withUserErrors } from "./payload";
import { fileBytes } from "./upload";

@Resolver()
export class ReportMutationResolver {
  @Mutation(_returns => ReportPayload, { description: "Creates an empty draft report for an agency and year." })
  async reportCreate(@Arg("input", _type => ReportCreateInput) input: ReportCreateInput, @Ctx() { services, actor }: GraphQLContext): Promise<ReportPayload> {
    return reportPayload(actor, () => services.reports.create(actor, { ...input, agencyId: requireId("Agency", input.agencyId, ["input", "agencyId"]) }));
  }

  @Mutation(_returns => ReportEditPayload, { description: "Replaces the text of one narrative section of a draft (the same text again changes nothing)." })
  async reportSectionUpdate(
    @Arg("input", _type => ReportSectionUpdateInput) input: ReportSectionUpdateInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportEditPayload> {
    return reportEditPayload(actor, () =>
      services.reports.updateSection(actor, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }),
    );
  }

  @Mutation(_returns => ReportEditPayload, {
    description:
      "Sets many cells of a draft in one transaction: all or nothing. Cells already at the value sent are not changes; if none differ, nothing is written.",
  })
  async reportCellsSet(
    @Arg("input", _type => ReportCellsSetInput) input: ReportCellsSetInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportEditPayload> {
    return reportEditPayload(actor, () => services.reports.setCells(actor, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }));
  }

  @Mutation(_returns => ReportImportPayload, { description: "Imports a published report (its text, or its file) as a new draft: all of it, or nothing." })
  async reportImport(
    @Arg("input", _type => ReportImportInput) input: ReportImportInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportImportPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => {
      const { text, file, publishedAt, sourceUrl, ...rest } = input;
      if ((text === null || text === undefined) === !file) {
        throw problem(UserErrorCode.INVALID_VALUE, "Give either the report's text or its file, not both and not neither.", ["input", "file"]);
      }
      const publication = publishedAt ? { publishedAt, sourceUrl } : null;
      return file
        ? services.imports.importFile(actor, { ...rest, publication, bytes: fileBytes(file.contentBase64), fileName: file.name ?? undefined })
        : services.imports.importText(actor, { ...rest, publication, text: text! });
    });
    const agency = value?.agency ? await services.agencies.findByCode(value.agency.code) : null;
    return {
      report: value && toReport(value.report),
      agency: agency && toAgency(agency),
      agencyCreated: value?.agency?.created ?? null,
      warnings: value?.parsed.warnings ?? [],
      userErrors,
    };
  }

  // Note: a query, as it writes nothing; it travels in a POST body like any request carrying a file.
  @Query(_returns => ReportImportPreviewPayload, {
    description:
      "Reads an uploaded report file and shows what an import would store (format, year, agency, cells, sections, warnings, uncertain cells). Writes nothing; needs a signed-in user.",
  })
  async reportImportPreview(
    @Arg("file", _type => ReportFileInput) file: ReportFileInput,
    @Arg("year", _type => Int, { nullable: true }) year: number | null,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<ReportImportPreviewPayload> {
    const { value, userErrors } = await withUserErrors(actor, () =>
      services.imports.previewFile(actor, { bytes: fileBytes(file.contentBase64), fileName: file.name ?? undefined, year }),
    );
    if (!value) {
      return { preview: null, userErrors };
    }
    const { parsed, file: info } = value;
    const missingCells = getFormat(parsed.format).cellKeys.filter(key => !(key in parsed.cells));
    return {
      preview: {
        format: parsed.format,
        year: parsed.year,
        agency: parsed.agency,
        cells: Object.entries(parsed.cells).map(([key, cellValue]) => ({ key, value: cellValue })),
        missingCells,
        uncertainCells: parsed.uncertainCells,
        sections: Object.entries(parsed.sections).map(([id, body]) => ({ id, body })),
        warnings: parsed.warnings,
        file: { name: info.name ?? null, kind: info.kind, sha256: info.sha256, bytes: info.bytes },
      },
      userErrors,
    };
  }
}
