import { InMemoryCache } from "@apollo/client";

/**
 * Ids that are global (Report, Agency: Node ids) normalise by default. Ids
 * that repeat in every report or format (table, row, section and column ids
 * such as `apply` or `sec.overview`) must not: those objects stay embedded in
 * their parent, or one report's rows would overwrite another's.
 */
export function createCache(): InMemoryCache {
  const embedded = { keyFields: false as const };
  return new InMemoryCache({
    possibleTypes: { Node: ["Agency", "Report"] },
    typePolicies: {
      ReportTable: embedded,
      ReportRow: embedded,
      ReportSection: embedded,
      FormatTable: embedded,
      FormatSection: embedded,
      FormatColumn: embedded,
      FormatRow: embedded,
      FormatRule: embedded,
      ReportRevision: embedded,
      User: { keyFields: ["name"] },
      AuditEvent: { keyFields: ["seq"] },
      Report: {
        fields: {
          // Note: lists the server always returns whole; replace, never merge.
          tables: { merge: false },
          sections: { merge: false },
          revisions: { merge: false },
          channels: { merge: false },
          workflowHistory: { merge: false },
        },
      },
    },
  });
}
