/** The GraphQL operations the benchmark sends; the raw ceiling server answers READ_REPORT in the same shape. */

export const READ_REPORT = `query Read($id: ID!) {
  report(id: $id) {
    id title year state version
    sections { id no title body }
    tables { id title rows { id label values } }
    validation { valid errorCount warningCount violations { ruleId severity message cells { key value year } } }
  }
}`;

export const LIST_REPORTS = `query List($year: Int) {
  reports(filter: { year: $year }, first: 100) {
    totalCount
    nodes {
      id title year state version
      sections { id body }
      tables { id rows { id values } }
      validation { valid errorCount }
      workflow { state }
    }
  }
}`;

export const REPORT_HISTORY = `query History($id: ID!) {
  report(id: $id) { id history { seq at action actorName actorRoles diff hash } }
}`;

export const SUBMIT = `mutation Submit($input: ReportWorkflowInput!) {
  reportSubmit(input: $input) { report { id state version } userErrors { code message } }
}`;

export const WITHDRAW = `mutation Withdraw($input: ReportWorkflowInput!) {
  reportWithdraw(input: $input) { report { id state version } userErrors { code message } }
}`;

export const QUERY_FIELDS = `{ __schema { queryType { fields { name args { name type { kind name ofType { kind name ofType { kind name } } } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`;

export const TYPE_FIELDS = `query T($name: String!) { __type(name: $name) { kind fields { name args { name type { kind } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`;

/** The statistics scenario: a static query over every field a supervising office's page shows. */
export const STATISTICS = `query Statistics($agencyId: ID!, $year: Int!) {
  statistics(agencyId: $agencyId, year: $year) {
    year formatId dueDate summedReports excludedReports
    agency { id code name }
    byState { state count }
    missing { id code name }
    overdue { id title state }
    publishedLate { id title state }
    tables { id title rows { id label values } }
  }
}`;
