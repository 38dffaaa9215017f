import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { toUser } from "../schema/mappers/user.mapper";
import { User } from "../schema/viewer.type";
import { AvailableAction, WorkflowStatus } from "../schema/workflow.type";
import { userName, workflowAvailableActions } from "../services/report-reads";
import { visibleUsers } from "../services/user-reads";
import type { GraphQLContext } from "./context";

/**
 * The fields of a workflow status that cost more than the report row: the viewer's available actions (the
 * machine evaluated against the content, its validation and the four-eyes facts) and the scheduling publisher.
 * Resolved only when asked, so a list page's `workflow { state }` reads the row alone (Report.workflow).
 */
@Resolver(_of => WorkflowStatus)
export class WorkflowStatusResolver {
  @FieldResolver(_returns => [AvailableAction])
  async availableActions(@Root() status: WorkflowStatus, @Ctx() { loaders, actor }: GraphQLContext): Promise<AvailableAction[]> {
    const actions = await workflowAvailableActions(loaders, actor, status.reportDbId, status.at);
    return actions.map(a => ({ action: a.event, allowed: a.allowed, reasonRequired: a.reasonRequired, reasons: a.reasons }));
  }

  @FieldResolver(_returns => String, { nullable: true })
  scheduledBy(@Root() status: WorkflowStatus, @Ctx() { services }: GraphQLContext): Promise<string | null> {
    return userName(services.db, status.scheduledById);
  }

  @FieldResolver(_returns => User, { nullable: true })
  async scheduler(@Root() status: WorkflowStatus, @Ctx() { services, scope }: GraphQLContext): Promise<User | null> {
    const scheduler = status.scheduledById === null ? null : await visibleUsers(services.db, scope).load(status.scheduledById);
    return scheduler && toUser(scheduler);
  }
}
