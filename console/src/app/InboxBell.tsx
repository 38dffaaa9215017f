import { useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { Badge, Button, Drawer, Empty, List, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { graphql } from "../gql";

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
  useSubscription(InboxBellLive, { onData: () => void refetch() });
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
