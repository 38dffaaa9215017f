import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { WarningAcknowledgementEntity } from "../entities";
import { ReportWarningAcknowledgeInput, ReportWarningAcknowledgePayload, WarningAcknowledgement } from "../schema/acknowledgement.type";
import { toReport } from "../schema/mappers/report.mapper";
import { Report } from "../schema/report.type";
import type { GraphQLContext } from "./context";
import { requireId, withUserErrors } from "./payload";

function toAcknowledgement(entity: WarningAcknowledgementEntity): WarningAcknowledgement {
  return Object.assign(new WarningAcknowledgement(), {
    revision: entity.revision,
    reportVersion: entity.reportVersion,
    ruleId: entity.ruleId,
    fingerprint: entity.fingerprint,
    message: entity.message,
    reason: entity.reason,
    by: entity.actorName,
    at: entity.createdAt,
  });
}

/** Acknowledging warnings: a reviewer records that one was considered, and why. */
@Resolver(_of => Report)
export class AcknowledgementResolver {
  @FieldResolver(_returns => [WarningAcknowledgement], {
    description:
      "Warnings reviewers have considered, oldest first, every revision (match them to validation.violations by fingerprint). [] for readers who may not see the draft.",
  })
  async warningAcknowledgements(@Root() report: Report, @Ctx() { services, loaders, scope }: GraphQLContext): Promise<WarningAcknowledgement[]> {
    const entity = await loaders.report.load(report.dbId);
    if (!entity || !(await scope.canReadDraft(entity)) || !(await scope.coversAgency(entity.agencyId))) return [];
    return (await services.acknowledgements.list([report.dbId])).map(toAcknowledgement);
  }

  @Mutation(_returns => ReportWarningAcknowledgePayload, {
    description:
      "Records that a reviewer (SECRECY_REVIEWER or LEADER of the agency) considered one current WARNING, with the reason. Warnings never block; this keeps the review on record, with its audit entry.",
  })
  async reportWarningAcknowledge(
    @Arg("input", _type => ReportWarningAcknowledgeInput) input: ReportWarningAcknowledgeInput,
    @Ctx() { services, actor, loaders }: GraphQLContext,
  ): Promise<ReportWarningAcknowledgePayload> {
    const { value, userErrors } = await withUserErrors(actor, () =>
      services.acknowledgements.acknowledge(actor, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }),
    );
    const report = value ? await loaders.report.load(value.reportId) : null;
    return { acknowledgement: value && toAcknowledgement(value), report: report && toReport(report), userErrors };
  }
}
