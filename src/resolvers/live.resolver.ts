import { Arg, Ctx, ID, Int, Resolver, Root, Subscription } from "type-graphql";
import type { SubscribeResolverData } from "type-graphql";
import { AuthenticationError } from "../auth/auth-errors";
import { filterMap } from "../live/filter-map";
import { mayConcernInbox } from "../live/inbox";
import type { InboxEntry as InboxEntryView } from "../live/inbox";
import { reportChangeOf, visibleChange } from "../live/report-changes";
import type { ReportChangeView } from "../live/report-changes";
import { InboxEntry, ReportChange } from "../schema/live.type";
import { toGlobalId } from "../schema/node-id";
import type { GraphQLContext } from "./context";
import { requireId } from "./payload";

type Data = SubscribeResolverData<unknown, Record<string, any>, GraphQLContext>;

function reportChanges({ args, context }: Data) {
  const reportId = requireId("Report", args.id, ["id"]);
  const records = context.services.events.subscribe(args.afterSeq ?? null, record => record.reportId === reportId);
  return filterMap(records, async record => {
    const change = reportChangeOf(record);
    return change && visibleChange(context.scope, change);
  });
}

function inboxEntries({ args, context }: Data) {
  const actor = context.actor;
  if (actor.kind !== "user") throw new AuthenticationError('Sign in (connection_init payload { authorization: "Bearer <token>" }) to receive your inbox.');
  const records = context.services.events.subscribe(args.afterSeq ?? null, mayConcernInbox);
  return filterMap(records, async record => {
    const entry = await context.services.inbox.entryOf(record);
    return entry?.userIds.includes(actor.userId) ? entry : null;
  });
}

/** Subscriptions (graphql-ws at /graphql): translations of the event stream, filtered by the reader's ReadScope. */
@Resolver()
export class LiveResolver {
  @Subscription(_returns => ReportChange, {
    subscribe: reportChanges,
    description:
      "Each committed change of the report, in order. The report's agency sees every change; everyone else only its publications. With afterSeq, changes after that seq are sent first (nothing missed across a reconnect).",
  })
  reportChanged(
    @Root() change: ReportChangeView,
    @Arg("id", _type => ID) _id: string,
    @Arg("afterSeq", _type => Int, { nullable: true }) _afterSeq: number | null,
    @Ctx() _context: GraphQLContext,
  ): ReportChange {
    return { ...change, reportId: toGlobalId("Report", change.reportId) } as ReportChange;
  }

  @Subscription(_returns => InboxEntry, {
    subscribe: inboxEntries,
    description:
      "For the signed-in user: each report that starts waiting for a step they may take, and each rejection or publication of a report they worked on.",
  })
  inbox(@Root() entry: InboxEntryView, @Arg("afterSeq", _type => Int, { nullable: true }) _afterSeq: number | null): InboxEntry {
    return { ...entry, reportId: toGlobalId("Report", entry.reportId), at: new Date(entry.at) } as InboxEntry;
  }
}
