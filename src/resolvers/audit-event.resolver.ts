import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Agency } from "../schema/agency.type";
import { AuditEvent } from "../schema/audit.type";
import { toAgency, toReport } from "../schema/mappers/report.mapper";
import { toUser } from "../schema/mappers/user.mapper";
import { fromGlobalId } from "../schema/node-id";
import { Report } from "../schema/report.type";
import { User } from "../schema/viewer.type";
import { WorkflowStep } from "../schema/workflow.type";
import { visibleUsers } from "../services/user-reads";
import type { GraphQLContext } from "./context";

/** Object references beside AuditEvent's and WorkflowStep's recorded ids (Shopify rule #8), read under the viewer's scope. */
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

  @FieldResolver(_returns => User, {
    nullable: true,
    description: "The user who made the change; null for cli and system (see actorKind, actorName).",
  })
  async actor(@Root() event: AuditEvent, @Ctx() { services, scope }: GraphQLContext): Promise<User | null> {
    const entity = event.actorUserId === null ? null : await visibleUsers(services.db, scope).load(event.actorUserId);
    return entity ? toUser(entity) : null;
  }
}

@Resolver(_of => WorkflowStep)
export class WorkflowStepResolver {
  @FieldResolver(_returns => User, { nullable: true, description: "The user who took the step." })
  async actor(@Root() step: WorkflowStep, @Ctx() { services, scope }: GraphQLContext): Promise<User | null> {
    const entity = await visibleUsers(services.db, scope).load(step.actorUserId);
    return entity ? toUser(entity) : null;
  }
}
