import { isRowId } from "../db/row-id";
import type { AgencyEntity, AuditEventEntity, ReportEntity, ReportRevisionEntity, UserEntity } from "../entities";
import { ReportRevisionEntity as RevisionRow } from "../entities";
import type { ReadScope } from "./access";
import { findAuditEvent } from "./audit-query";
import type { Loaders } from "./loaders";
import { workflowStep } from "./report-reads";
import type { WorkflowStepView } from "./report-reads";
import { visibleUsers } from "./user-reads";
import type { Services } from "./index";

export type FoundNode =
  | { type: "Agency"; entity: AgencyEntity }
  | { type: "Report"; entity: ReportEntity }
  | { type: "ReportRevision"; entity: ReportRevisionEntity }
  | { type: "User"; entity: UserEntity }
  | { type: "AuditEvent"; entity: AuditEventEntity }
  | { type: "WorkflowStep"; entity: WorkflowStepView };

export type NodeRef = { type: FoundNode["type"]; id: number };

/**
 * The object behind a global id, read under the viewer's scope: null when it does not exist or the viewer may
 * not see it (the two look alike). Agencies are public; a report through the scoped loader; a revision like
 * report.revisions: its report must be visible, and outside the agency only published revisions are; a user to
 * the insiders of their agency (ReadScope.canSeeUser); an audit record like auditEvents (an AUDITOR of its
 * agency, or a trusted operator); a workflow step like report.workflowHistory (insiders of its report).
 */
export async function findNode(services: Services, scope: ReadScope, loaders: Loaders, ref: NodeRef): Promise<FoundNode | null> {
  if (!isRowId(ref.id)) return null;
  switch (ref.type) {
    case "Agency": {
      const entity = await loaders.agency.load(ref.id);
      return entity ? { type: "Agency", entity } : null;
    }
    case "Report": {
      const entity = await loaders.report.load(ref.id);
      return entity ? { type: "Report", entity } : null;
    }
    case "ReportRevision":
      return findRevision(services, scope, loaders, ref.id);
    case "User": {
      const entity = await visibleUsers(services.db, scope).load(ref.id);
      return entity ? { type: "User", entity } : null;
    }
    case "AuditEvent": {
      const entity = await findAuditEvent(services.db, scope.actor, ref.id);
      return entity ? { type: "AuditEvent", entity } : null;
    }
    case "WorkflowStep": {
      const entity = await workflowStep(services.db, scope, loaders, ref.id);
      return entity ? { type: "WorkflowStep", entity } : null;
    }
  }
}

async function findRevision(services: Services, scope: ReadScope, loaders: Loaders, id: number): Promise<FoundNode | null> {
  const revision = await services.db.read(manager => manager.findOneBy(RevisionRow, { id }));
  const report = revision ? await loaders.report.load(revision.reportId) : null;
  if (!revision || !report) return null;
  if (revision.kind !== "published" && !(await scope.canReadDraft(report))) return null;
  return { type: "ReportRevision", entity: revision };
}
