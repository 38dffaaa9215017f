import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { Badge, Button, Drawer, Empty, List, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { graphql } from "../gql";
import { onLiveConnected } from "./apollo";

const InboxBellNotifications = graphql(`
  query InboxBellNotifications {
    workflowDefinition { actions { action label } }
    viewer {
      name
      notifications(first: 20) {
        unreadCount
        totalCount
        nodes { id kind kindLabel action by at reason reportId readAt seq }
      }
    }
  }
`);

const InboxBellLive = graphql(`
  subscription InboxBellLive {
    inbox { seq kind reportId }
  }
`);

const InboxBellMarkRead = graphql(`
  mutation InboxBellMarkRead($input: NotificationMarkReadInput!) {
    notificationMarkRead(input: $input) {
      unreadCount
      userErrors { code field message }
    }
  }
`);

/**
 * The signed-in user's notifications: a badge with the unread count and a
 * list. The `inbox` subscription pushes each new entry; on each, the list is
 * read again over HTTP (the server's notifications are the one source of the
 * count), so the badge changes without a reload.
 */
export function InboxBell() {
  const [open, setOpen] = useState(false);
  const { data, refetch } = useQuery(InboxBellNotifications, { fetchPolicy: "cache-and-network" });
  // Note: the server writes a notification from the same stream as the inbox entry, but in its own transaction,
  // so the entry may arrive before its notification is readable: read again until it is there (a few tries).
  const refreshUntil = useCallback(
    async (seq: number) => {
      for (const wait of [0, 300, 1000, 2000, 4000, 8000]) {
        if (wait) await new Promise(resolve => setTimeout(resolve, wait));
        const result = await refetch();
        if (result.data?.viewer?.notifications.nodes.some(item => item.seq >= seq)) return;
      }
    },
    [refetch],
  );
  // Note: an entry pushed before the socket was acknowledged, or while it was down, never arrives: read again on
  // every connection, and once more a moment later (the server registers the subscription just after the ack).
  useEffect(() => {
    let later: ReturnType<typeof setTimeout> | undefined;
    const off = onLiveConnected(() => {
      void refetch();
      clearTimeout(later);
      later = setTimeout(() => void refetch(), 1000);
    });
    return () => {
      off();
      clearTimeout(later);
    };
  }, [refetch]);
  useSubscription(InboxBellLive, {
    onData: ({ data: live }) => {
      const seq = live.data?.inbox.seq;
      if (seq !== undefined) void refreshUntil(seq);
    },
  });
  const [markRead] = useMutation(InboxBellMarkRead, { onCompleted: () => void refetch() });
  const page = data?.viewer?.notifications;
  const unread = page?.unreadCount ?? 0;
  const label = (action: string | null | undefined) => data?.workflowDefinition.actions.find(item => item.action === action)?.label;
  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button aria-label={`通知：${unread} 条未读`} aria-haspopup="dialog" onClick={() => setOpen(true)}>
          通知
        </Button>
      </Badge>
      <span className="gk-sr-only" role="status" aria-live="polite">
        {unread > 0 ? `${unread} 条未读通知` : ""}
      </span>
      <Drawer title="通知" open={open} onClose={() => setOpen(false)} size={420} closeIcon={<span aria-label="关闭通知">×</span>}>
        <Button disabled={unread === 0} onClick={() => void markRead({ variables: { input: { all: true } } })}>
          全部标为已读
        </Button>
        {page && page.nodes.length === 0 ? (
          <Empty description="暂无通知" />
        ) : (
          <List
            aria-label="通知列表"
            dataSource={page?.nodes ?? []}
            rowKey="id"
            renderItem={item => (
              <List.Item className={item.readAt ? undefined : "gk-unread"}>
                <div>
                  <Typography.Text strong>
                    {item.readAt ? "" : "【未读】"}
                    {item.kindLabel}
                    {item.action ? `：${label(item.action) ?? item.action}` : ""}
                  </Typography.Text>
                  <div>
                    {item.by} · {item.at}
                  </div>
                  {item.reason && <div>原因：{item.reason}</div>}
                  <Link
                    to={`/reports/${encodeURIComponent(item.reportId)}`}
                    onClick={() => {
                      setOpen(false);
                      if (!item.readAt) void markRead({ variables: { input: { ids: [item.id] } } });
                    }}
                  >
                    打开报告
                  </Link>
                </div>
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
