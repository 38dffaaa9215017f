import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { toAuditEvent, toWorkflowStep } from "../schema/mappers/audit.mapper";
import { toAgency, toReport } from "../schema/mappers/report.mapper";
import { toUser } from "../schema/mappers/user.mapper";
import { parseGlobalId } from "../schema/node-id";
import { Node } from "../schema/node.type";
import { UserErrorCode, problem } from "../services/errors";
import { findNode } from "../services/node-reads";
import type { FoundNode } from "../services/node-reads";
import { toRevision } from "./audit.resolver";
import type { GraphQLContext } from "./context";

/** At most this many ids per nodes() call, like a page of a list. */
export const MAX_NODE_IDS = 100;

function toNode(found: FoundNode): Node {
  switch (found.type) {
    case "Agency":
      return toAgency(found.entity);
    case "Report":
      return toReport(found.entity);
    case "ReportRevision":
      return toRevision(found.entity);
    case "User":
      return toUser(found.entity);
    case "AuditEvent":
      return toAuditEvent(found.entity);
    case "WorkflowStep":
      return toWorkflowStep(found.entity);
  }
}

async function lookUp(context: GraphQLContext, id: string): Promise<Node | null> {
  const ref = parseGlobalId(id);
  // Note: a notification is its recipient's only, read through viewer.notifications, not node(); webhook
  // endpoints and deliveries are their ADMINs', read through webhookEndpoints. parseGlobalId knows none of them.
  if (!ref) return null;
  const found = await findNode(context.services, context.scope, context.loaders, { type: ref.type, id: ref.id });
  return found ? toNode(found) : null;
}

@Resolver()
export class NodeResolver {
  @Query(_returns => Node, {
    nullable: true,
    description:
      "The object with this global id (Agency, Report, ReportRevision, User, AuditEvent, WorkflowStep), or null when there is none or you may not see it where it is listed (report, auditEvents, workflowHistory, users).",
  })
  async node(
    @Arg("id", _type => ID, { description: "A global id, as any id field returned it." }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<Node | null> {
    return lookUp(context, id);
  }

  @Query(_returns => [Node], {
    nullable: "items",
    description: `The objects with these global ids, in the same order; null where node(id) would be null. At most ${MAX_NODE_IDS} ids.`,
  })
  async nodes(
    @Arg("ids", _type => [ID], { description: "Global ids, as id fields returned them." }) ids: string[],
    @Ctx() context: GraphQLContext,
  ): Promise<Array<Node | null>> {
    if (ids.length > MAX_NODE_IDS) {
      throw problem(UserErrorCode.INVALID_INPUT, `nodes takes at most ${MAX_NODE_IDS} ids; you gave ${ids.length}.`, ["ids"]);
    }
    return Promise.all(ids.map(id => lookUp(context, id)));
  }
}
