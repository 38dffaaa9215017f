import type { AgencyEntity, ReportEntity } from "../entities";
import type { ReportIdentity } from "../validation";

/** What the identity checks compare the printed title and signature with: the report's title and its agency. */
export function reportIdentity(report: Pick<ReportEntity, "title">, agency: AgencyEntity | null | undefined): ReportIdentity {
  return {
    title: report.title,
    agency: agency ? { name: agency.name, kind: agency.kind, level: agency.level } : undefined,
  };
}

/** The cache key part of an identity: validation results differ when any of it does. */
export function identityKey(identity: ReportIdentity): string {
  return JSON.stringify([identity.title ?? null, identity.agency?.name ?? null, identity.agency?.kind ?? null, identity.agency?.level ?? null]);
}
