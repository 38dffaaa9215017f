import type { FragmentType } from "@apollo/client";
import { useApolloClient, useFragment } from "@apollo/client/react";
import { Alert, Typography } from "antd";
import { useEffect, useState } from "react";
import { beijingText } from "../../components/beijing-time";
import { graphql } from "../../gql";
import type { PublicationStatus_ReportFragment } from "../../gql/graphql";
import { ReportPageQuery } from "./queries";

export const PublicationStatusReport = graphql(`
  fragment PublicationStatus_Report on Report {
    id
    workflow { scheduledPublishAt scheduler { id name } }
    revisions { id kind publishedAt source { url fileName } }
  }
`);

/** How long after its time a schedule is looked for again, and how many times, before the page stops asking. */
const RECHECK_MS = 1500;
const RECHECKS = 20;
const DAY_MS = 86_400_000;

/**
 * When the report was first published (a past report recorded on import keeps its original date and source),
 * and a standing schedule: 已定时发布 with its time and who set it. At the schedule's time the page asks the
 * API again, so the server's scheduler publishing it shows without a reload.
 */
export function PublicationStatus({ report: ref }: { report: FragmentType<PublicationStatus_ReportFragment> }) {
  const { data: report, complete } = useFragment({ fragment: PublicationStatusReport, from: ref });
  const at = complete ? report.workflow.scheduledPublishAt : null;
  useRecheckAt(at ?? null);
  if (!complete) return null;
  const first = report.revisions.find(revision => revision.kind === "PUBLISHED" && revision.publishedAt);
  const source = first?.source?.url ?? first?.source?.fileName;
  return (
    <div aria-live="polite">
      {first?.publishedAt && (
        <Typography.Paragraph className="gk-published-at">
          首次发布：{beijingText(first.publishedAt)}（北京时间）{source ? `，原文：${source}` : ""}
        </Typography.Paragraph>
      )}
      {at && (
        <Alert
          className="gk-notice"
          type="info"
          showIcon
          title={`已定时发布：${beijingText(at)}（北京时间）${report.workflow.scheduler ? `，由 ${report.workflow.scheduler.name} 设定` : ""}`}
        />
      )}
    </div>
  );
}

/** Reads the report again once a schedule's time has passed, until it no longer stands (or after RECHECKS tries). */
function useRecheckAt(at: string | null) {
  const client = useApolloClient();
  const [checks, setChecks] = useState(0);
  useEffect(() => {
    if (!at || checks >= RECHECKS) return;
    const due = Date.parse(at) - Date.now();
    if (due > DAY_MS) return;
    const timer = setTimeout(
      () => {
        void client.refetchQueries({ include: [ReportPageQuery] }).finally(() => setChecks(count => count + 1));
      },
      Math.max(due, 0) + RECHECK_MS,
    );
    return () => clearTimeout(timer);
  }, [at, checks, client]);
}
