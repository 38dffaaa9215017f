import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { AuditEventEntity, ReportRevisionEntity } from "../entities";
import { AuditEvent, AuditEventConnection, AuditEventFilter, AuditVerification, ReportDiff, ReportRevision, SignatureCheck } from "../schema/audit.type";
import { connectionOf } from "../schema/connection.type";
import type { RevisionKind } from "../schema/enums";
import { toAuditEvent } from "../schema/mappers/audit.mapper";
import { toGlobalId } from "../schema/node-id";
import { Report } from "../schema/report.type";
import { encodeSeq, listAuditEvents } from "../services/audit-query";
import { VERIFY_LIMIT, verifyAuditFor } from "../services/audit-verify";
import { reportAuditHistory, reportDiff, reportRevisions, reportSignature } from "../services/report-reads";
import type { GraphQLContext } from "./context";
import { requireId } from "./payload";

/** The GraphQL records of a kept history (HistoryCache hands out the same array until the history grows). */
const historyEvents = new WeakMap<readonly AuditEventEntity[], AuditEvent[]>();

/** A class instance, so that the Node interface resolves it (node, nodes). */
export function toRevision(row: ReportRevisionEntity): ReportRevision {
  const source = row.source ? (JSON.parse(row.source) as { url?: string; fileName?: string; sha256?: string }) : null;
  return Object.assign(new ReportRevision(), {
    ...row,
    kind: row.kind as RevisionKind,
    id: toGlobalId("ReportRevision", row.id),
    publishedAt: row.kind === "published" ? (row.publishedAt ?? row.createdAt) : null,
    source: source && { url: source.url ?? null, fileName: source.fileName ?? null, sha256: source.sha256 ?? null },
  });
}

@Resolver(_of => Report)
export class AuditResolver {
  @Query(_returns => AuditEventConnection, { description: "AUDITOR: audit records of your agency and those under it, newest first." })
  async auditEvents(
    @Ctx() { services, actor }: GraphQLContext,
    @Arg("filter", _type => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter | null,
    @Arg("first", _type => Int, { defaultValue: 50 }) first = 50,
    @Arg("after", _type => String, { nullable: true }) after?: string | null,
  ): Promise<AuditEventConnection> {
    const page = await listAuditEvents(
      services.db,
      actor,
      {
        ...filter,
        reportId: filter?.reportId ? requireId("Report", filter.reportId, ["filter", "reportId"]) : null,
        actorId: filter?.actorId ? requireId("User", filter.actorId, ["filter", "actorId"]) : null,
        agencyId: filter?.agencyId ? requireId("Agency", filter.agencyId, ["filter", "agencyId"]) : null,
        from: filter?.from?.toISOString() ?? null,
        to: filter?.to?.toISOString() ?? null,
      },
      first,
      after,
    );
    return connectionOf(page, toAuditEvent, row => encodeSeq(Number(row.seq)), after);
  }

  @Query(_returns => AuditVerification, {
    description: "AUDITOR: check the hash chain, at most limit records a request; continue with after: cursor until complete.",
  })
  async auditVerify(
    @Ctx() { services, actor }: GraphQLContext,
    @Arg("full", { defaultValue: false, description: "GLOBAL: from record 1 instead of the latest trusted signed checkpoint." }) full: boolean,
    @Arg("after", _type => String, { nullable: true, description: "The cursor of the previous request." }) after: string | null,
    @Arg("limit", _type => Int, { defaultValue: VERIFY_LIMIT, description: `Records to check in this request (1–${VERIFY_LIMIT}).` }) limit: number,
  ): Promise<AuditVerification> {
    return verifyAuditFor(services.db, actor, { full, after, limit });
  }

  @FieldResolver(_returns => [AuditEvent], { description: "AUDITOR: every change to this report, oldest first (up to 1,000 records)." })
  async history(@Root() report: Report, @Ctx() { services, scope, loaders }: GraphQLContext): Promise<AuditEvent[]> {
    const rows = await reportAuditHistory(services.db, scope, loaders, report.dbId, services.histories);
    let events = historyEvents.get(rows);
    if (!events) {
      events = rows.map(toAuditEvent);
      historyEvents.set(rows, events);
    }
    return events;
  }

  @FieldResolver(_returns => [ReportRevision], {
    description: "Snapshots taken at submission, sign-off and publication. Outside the agency: the published ones only.",
  })
  async revisions(@Root() report: Report, @Ctx() { services, scope, loaders }: GraphQLContext): Promise<ReportRevision[]> {
    return (await reportRevisions(services.db, scope, loaders, report.dbId)).map(toRevision);
  }

  @FieldResolver(_returns => SignatureCheck, {
    nullable: true,
    description: "Whether the published content is exactly what the leader signed (null until published).",
  })
  async signature(@Root() report: Report, @Ctx() { services, loaders }: GraphQLContext): Promise<SignatureCheck | null> {
    return reportSignature(services.db, loaders, report.dbId);
  }

  @Query(_returns => ReportDiff, {
    description: "Cell and section differences between two revisions, or a revision and the current content. Outside the agency: published revisions only.",
  })
  async reportDiff(
    @Ctx() { services, scope, loaders }: GraphQLContext,
    @Arg("reportId", _type => ID) reportId: string,
    @Arg("from", _type => ID, { description: "A revision id." }) from: string,
    @Arg("to", _type => ID, { nullable: true, description: "A revision id; omit for the current content (outside the agency: the latest published revision)." })
    to?: string | null,
  ): Promise<ReportDiff> {
    const id = requireId("Report", reportId, ["reportId"]);
    const fromId = requireId("ReportRevision", from, ["from"]);
    const toId = to ? requireId("ReportRevision", to, ["to"]) : null;
    return reportDiff(services.db, scope, loaders, id, fromId, toId);
  }
}
