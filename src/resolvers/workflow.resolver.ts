import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { toWorkflowStep } from "../schema/mappers/audit.mapper";
import { ReportPayload } from "../schema/mutations/report-create";
import { ReportRecordPublishedInput, ReportSchedulePublishInput, ReportWorkflowInput } from "../schema/mutations/workflow-step";
import { Report } from "../schema/report.type";
import { WorkflowDefinition, WorkflowStatus, WorkflowStep } from "../schema/workflow.type";
import { workflowHistory, workflowStatus } from "../services/report-reads";
import type { WorkflowEventType } from "../workflow";
import { workflowDefinition } from "../workflow";
import type { GraphQLContext } from "./context";
import { reportPayload, requireId } from "./payload";

function step(context: GraphQLContext, type: WorkflowEventType, input: ReportWorkflowInput): Promise<ReportPayload> {
  return reportPayload(context.actor, () => {
    const reportId = requireId("Report", input.reportId, ["input", "reportId"]);
    const { actor, services } = context;
    const stepInput = { ...input, reportId };
    if (type === "SCHEDULE_PUBLISH") return services.schedule.schedule(actor, { ...stepInput, at: (input as ReportSchedulePublishInput).at });
    if (type === "UNSCHEDULE_PUBLISH") return services.schedule.unschedule(actor, stepInput);
    return services.workflow.step(actor, type, stepInput);
  });
}

@Resolver(_of => Report)
export class WorkflowResolver {
  @Query(_returns => WorkflowDefinition, { description: "The approval process: states, actions, who may take each." })
  workflowDefinition(): WorkflowDefinition {
    const definition = workflowDefinition();
    return {
      states: definition.states.map(s => ({ state: s.id, label: s.label, initial: s.initial, final: s.final })),
      actions: definition.events.map(e => ({
        action: e.id,
        label: e.label,
        from: e.from,
        to: e.to,
        roles: e.roles,
        reasonRequired: e.reasonRequired,
        submitterOnly: e.transitions.some(t => t.submitterOnly),
      })),
    };
  }

  @FieldResolver(_returns => WorkflowStatus, {
    description: "State, deadline and what the viewer may do now. Outside the agency: the latest published revision's, nothing internal.",
  })
  async workflow(@Root() report: Report, @Ctx() { loaders }: GraphQLContext): Promise<WorkflowStatus> {
    // Note: from the row alone; the available actions and the scheduler are resolved when asked (WorkflowStatusResolver).
    const at = new Date();
    const status = await workflowStatus(loaders, report.dbId, at);
    return Object.assign(new WorkflowStatus(), { ...status, reportDbId: report.dbId, at, scheduledBy: null, scheduler: null, availableActions: [] });
  }

  @FieldResolver(_returns => [WorkflowStep], {
    description: "Every workflow step, oldest first. Empty outside the agency: names, roles and reasons are internal.",
  })
  async workflowHistory(@Root() report: Report, @Ctx() { services, scope, loaders }: GraphQLContext): Promise<WorkflowStep[]> {
    return (await workflowHistory(services.db, scope, loaders, report.dbId)).map(toWorkflowStep);
  }

  @Mutation(_returns => ReportPayload, { description: "DRAFTER: send a draft to secrecy review (no validation errors, sections filled)." })
  reportSubmit(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "SUBMIT", input);
  }

  @Mutation(_returns => ReportPayload, { description: "The submitter: take a report back from secrecy review to draft." })
  reportWithdraw(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "WITHDRAW", input);
  }

  @Mutation(_returns => ReportPayload, {
    description: "SECRECY_REVIEWER: clear the secrecy review. Four eyes: not its submitter nor anyone who changed its content (FOUR_EYES_*).",
  })
  reportClearSecrecy(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "CLEAR_SECRECY", input);
  }

  @Mutation(_returns => ReportPayload, {
    description: "LEADER: sign off; records the content hash signed. Four eyes: not its submitter, an editor of its content or its secrecy reviewer.",
  })
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

  @Mutation(_returns => ReportPayload, {
    description:
      "PUBLISHER: publish the signed content by itself at `at` (定时发布), in your name, through the same step and checks as reportPublish. Replaces a schedule already set.",
  })
  reportSchedulePublish(@Arg("input", _type => ReportSchedulePublishInput) input: ReportSchedulePublishInput, @Ctx() context: GraphQLContext) {
    return step(context, "SCHEDULE_PUBLISH", input);
  }

  @Mutation(_returns => ReportPayload, { description: "PUBLISHER: cancel the report's scheduled publication (取消定时发布)." })
  reportUnschedulePublish(@Arg("input", _type => ReportWorkflowInput) input: ReportWorkflowInput, @Ctx() context: GraphQLContext) {
    return step(context, "UNSCHEDULE_PUBLISH", input);
  }

  @Mutation(_returns => ReportPayload, {
    description:
      "PUBLISHER or ADMIN: record a draft that was already published elsewhere (a past report imported for its figures) as published on its original date, with its URL; deadlines and 逾期 use that date.",
  })
  reportRecordPublished(
    @Arg("input", _type => ReportRecordPublishedInput) input: ReportRecordPublishedInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ReportPayload> {
    return reportPayload(context.actor, () =>
      context.services.workflow.recordPublished(context.actor, { ...input, reportId: requireId("Report", input.reportId, ["input", "reportId"]) }),
    );
  }
}
