import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver } from "type-graphql";
import { INBOX_KIND_LABELS } from "../live/inbox";
import type { InboxKind } from "../live/inbox";
import { markRead, notificationsOf } from "../live/notifications";
import type { NotificationRow } from "../live/notifications";
import { connectionOf } from "../schema/connection.type";
import { toGlobalId } from "../schema/node-id";
import { Notification, NotificationConnection, NotificationMarkReadInput, NotificationMarkReadPayload } from "../schema/notification.type";
import { Viewer } from "../schema/viewer.type";
import { requireSignedIn } from "../services/access";
import { UserErrorCode, problem } from "../services/errors";
import type { GraphQLContext } from "./context";
import { requireId, withUserErrors } from "./payload";

/** A notification id from a global id; ids beyond the column's range name no notification. */
function notificationId(globalId: string, field: string[]): number {
  const id = requireId("Notification", globalId, field);
  if (id > 2_147_483_647) throw problem(UserErrorCode.NOT_FOUND, "No notification has this id; use an id from viewer.notifications.", field);
  return id;
}

function toNotification(row: NotificationRow): Notification {
  const kindLabel = INBOX_KIND_LABELS[row.kind as InboxKind];
  return {
    ...row,
    kindLabel,
    id: toGlobalId("Notification", row.id),
    reportId: toGlobalId("Report", row.reportId),
    at: new Date(row.at),
    readAt: row.readAt === null ? null : new Date(row.readAt),
  } as Notification;
}

@Resolver(_of => Viewer)
export class NotificationResolver {
  @FieldResolver(_returns => NotificationConnection, { description: "Your notifications, newest first (the inbox list; `inbox` sends new ones live)." })
  async notifications(
    @Ctx() { services, actor }: GraphQLContext,
    @Arg("first", _type => Int, { defaultValue: 20 }) first: number,
    @Arg("after", _type => String, { nullable: true }) after: string | null,
  ): Promise<NotificationConnection> {
    const user = requireSignedIn(actor);
    if (!user) return { ...connectionOf({ nodes: [], totalCount: 0, hasNextPage: false }, toNotification, row => String(row.id), after), unreadCount: 0 };
    if (!Number.isInteger(first) || first < 1 || first > 100) throw problem(UserErrorCode.INVALID_INPUT, "first must be between 1 and 100.", ["first"]);
    const before = after == null ? null : notificationId(after, ["after"]);
    const page = await notificationsOf(services.db, user.userId, first, before);
    const connection = connectionOf({ ...page, nodes: page.rows }, toNotification, row => toGlobalId("Notification", row.id), after);
    return { ...connection, unreadCount: page.unreadCount };
  }

  @Mutation(_returns => NotificationMarkReadPayload, { description: "Marks your notifications read: the given ids, or all: true for every one." })
  async notificationMarkRead(
    @Arg("input", _type => NotificationMarkReadInput) input: NotificationMarkReadInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<NotificationMarkReadPayload> {
    const { value, userErrors } = await withUserErrors(actor, async () => {
      const user = requireSignedIn(actor);
      if (!user) throw problem(UserErrorCode.INVALID_INPUT, "Only a signed-in user has notifications.");
      if (!input.all && !input.ids?.length) throw problem(UserErrorCode.INVALID_INPUT, "Give the ids to mark read, or all: true.", ["input", "ids"]);
      const ids = input.all ? null : input.ids!.map((id, i) => notificationId(id, ["input", "ids", String(i)]));
      return markRead(services.db, user, ids);
    });
    return { unreadCount: value, userErrors };
  }
}
