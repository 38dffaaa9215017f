import type { ReportBody_ReportFragment, ReportState, ViolationList_ReportFragment, WorkflowAction } from "../../gql/graphql";

export type FormatDef = ReportBody_ReportFragment["format"];
export type FormatTableDef = FormatDef["tables"][number];
export type FormatColumnDef = FormatTableDef["columns"][number];
export type FormatRowDef = FormatTableDef["rows"][number];
export type ViolationItem = ViolationList_ReportFragment["validation"]["violations"][number];

/** What the workflow definition gives the screen: states for the step bar, actions for the buttons. */
export interface WorkflowDefinitionData {
  states: ReadonlyArray<{ state: ReportState; label: string; initial: boolean }>;
  actions: ReadonlyArray<{ action: WorkflowAction; label: string; reasonRequired: boolean }>;
}

/** Cell values by key (<table>/<row>/<column>): decimal text, null for blank (never 0). */
export type CellValues = ReadonlyMap<string, string | null>;

/** Rule messages by cell key, for outlining cells and describing them. */
export type CellMessages = ReadonlyMap<string, string[]>;

interface TablesWithValues {
  tables: ReadonlyArray<{ id: string; rows: ReadonlyArray<{ id: string; values: ReadonlyArray<string | null> }> }>;
}
interface FormatColumns {
  tables: ReadonlyArray<{ id: string; columns: ReadonlyArray<{ id: string; isData: boolean }> }>;
}

export function cellValues(report: TablesWithValues, format: FormatColumns): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const table of report.tables) {
    const columns = format.tables.find(def => def.id === table.id)?.columns.filter(column => column.isData) ?? [];
    for (const row of table.rows) {
      row.values.forEach((value, index) => {
        const column = columns[index];
        if (column) values.set(`${table.id}/${row.id}/${column.id}`, value ?? null);
      });
    }
  }
  return values;
}
