import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { UserEntity, WorkflowEventEntity } from "../entities";
import type { WorkflowEventType } from "../workflow";
import { workflowDefinition } from "../workflow";
import { workflowView } from "../services/workflow-view";
import type { ReportState } from "../schema/enums";
import { toReport } from "../schema/mappers/report.mapper";
import { ReportPayload } from "../schema/mutations/report-create";
import { ReportWorkflowInput } from "../schema/mutations/workflow-step";
import { Report } from "../schema/report.type";
import { WorkflowDefinition, WorkflowStatus, WorkflowStep } from "../schema/workflow.type";
import type { Role, WorkflowAction } from "../schema/workflow.type";
import type { GraphQLContext } from "./context";
import { requireId, withUserErrors } from "./payload";

async function step(context: GraphQLContext, type: WorkflowEventType, input: ReportWorkflowInput): Promise<ReportPayload> {
  const { value, userErrors } = await withUserErrors(context.actor, () =>
    context.services.workflow.step(context.actor, type, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }),
  );
  return { report: value && toReport(value), userErrors };
}

@Resolver(_of => Report)
export class WorkflowResolver {
  @Query(_returns => WorkflowDefinition, { description: "The approval process: states, actions, who may take each." })
  workflowDefinition(): WorkflowDefinition {
    const definition = workflowDefinition();
    return {
      states: definition.states.map(s => ({ state: s.id as ReportState, label: s.label, initial: s.initial, final: s.final })),
      actions: definition.events.map(e => ({
        action: e.id as WorkflowAction,
        label: e.label,
        from: e.from as ReportState[],
        to: e.to as ReportState,
        roles: e.roles as Role[],
        reasonRequired: e.reasonRequired,
        submitterOnly: e.transitions.some(t => t.submitterOnly),
      })),
    };
  }

  @FieldResolver(_returns => WorkflowStatus, { description: "State, deadline and what the viewer may do now." })
  async workflow(@Root() report: Report, @Ctx() { loaders, actor }: GraphQLContext): Promise<WorkflowStatus> {
    const [entity, content, violations] = await Promise.all([
      loaders.report.load(report.dbId),
      loaders.content.load(report.dbId),
      loaders.validation.load(report.dbId),
    ]);
    const agency = await loaders.agency.load(entity!.agencyId);
    const view = workflowView(entity!, actor, content, violations, new Date(), agency);
    return {
      ...view,
      state: view.state as ReportState,
      availableActions: view.availableActions.map(a => ({
        action: a.event as WorkflowAction,
        allowed: a.allowed,
        reasonRequired: a.reasonRequired,
        reasons: a.reasons,
      })),
    };
  }

  @FieldResolver(_returns => [WorkflowStep], { description: "Every workflow step, oldest first." })
  async workflowHistory(@Root() report: Report, @Ctx() { services }: GraphQLContext): Promise<WorkflowStep[]> {
    return services.db.read(async manager => {
      const events = await manager.find(WorkflowEventEntity, { where: { reportId: report.dbId }, order: { id: "ASC" } });
      if (events.length === 0) return [];
      const users = await manager.findBy(UserEntity, events.map(e => ({ id: e.actorId })));
      return events.map(e => ({
        action: e.event as WorkflowAction,
        fromState: e.fromState as ReportState,
        toState: e.toState as ReportState,
        actorName: users.find(u => u.id === e.actorId)?.name ?? "?",
        role: e.actorRole as Role,
        reason: e.reason,
        contentHash: e.contentHash,
        version: e.version,
        at: e.createdAt,
      }));
    });
  }

  @Mutation(_returns => ReportPayload, { description: "DRAFTER: send a draft to secrecy review (no validation errors, sections filled)." })
  reportSubmit(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "SUBMIT", input);
  }

  @Mutation(_returns => ReportPayload, { description: "The submitter: take a report back from secrecy review to draft." })
  reportWithdraw(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "WITHDRAW", input);
  }

  @Mutation(_returns => ReportPayload, { description: "SECRECY_REVIEWER (not the submitter or last editor): clear the secrecy review." })
  reportClearSecrecy(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "CLEAR_SECRECY", input);
  }

  @Mutation(_returns => ReportPayload, { description: "LEADER (not the submitter): sign off; records the content hash signed." })
  reportSignOff(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "SIGN_OFF", input);
  }

  @Mutation(_returns => ReportPayload, { description: "SECRECY_REVIEWER or LEADER: send back to draft, with a reason." })
  reportReject(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "REJECT", input);
  }

  @Mutation(_returns => ReportPayload, { description: "PUBLISHER: publish the signed content; it is frozen from then on." })
  reportPublish(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "PUBLISH", input);
  }

  @Mutation(_returns => ReportPayload, { description: "DRAFTER: open a correction of a published report (a new revision through every step)." })
  reportCorrect(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "CORRECT", input);
  }
}
