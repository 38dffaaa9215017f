import { graphql } from "../../gql";

/**
 * The screen's query and mutations. Each component declares its own fragment
 * in its own file (ReportPage_Report spreads its children's); every mutation
 * returns the report with ReportPage_Report, so the cache updates the form,
 * the side list and the action bar alike. Under data masking, a result holds
 * only what is selected here: `id version` where the hook reads them.
 */
export const ReportPageQuery = graphql(`
  query ReportPage($id: ID!) {
    workflowDefinition {
      states { state label initial final }
      actions { action label reasonRequired }
    }
    report(id: $id) {
      id
      ...ReportPage_Report
    }
  }
`);

export const ReportFormCellsSet = graphql(`
  mutation ReportFormCellsSet($input: ReportCellsSetInput!) {
    reportCellsSet(input: $input) {
      report { id version ...ReportPage_Report }
      userErrors { code field message }
    }
  }
`);

export const ReportFormSectionUpdate = graphql(`
  mutation ReportFormSectionUpdate($input: ReportSectionUpdateInput!) {
    reportSectionUpdate(input: $input) {
      report { id version ...ReportPage_Report }
      userErrors { code field message }
    }
  }
`);

export const ReportFormChannelsSet = graphql(`
  mutation ReportFormChannelsSet($input: ReportChannelsSetInput!) {
    reportChannelsSet(input: $input) {
      report { id version ...ReportPage_Report }
      userErrors { code field message }
    }
  }
`);

/** The content as saved now, read past the cache when a save meets a CONFLICT. */
export const ReportFormFresh = graphql(`
  query ReportFormFresh($id: ID!) {
    report(id: $id) {
      id
      version
      ...ReportPage_Report
    }
  }
`);

export const ReportFormDiff = graphql(`
  query ReportFormDiff($reportId: ID!, $from: ID!) {
    reportDiff(reportId: $reportId, from: $from) {
      cells { key before after }
      sections { sectionId before after }
    }
  }
`);

export const ReportFormLastYear = graphql(`
  query ReportFormLastYear($code: String!, $year: Int!) {
    agency(code: $code) {
      id
      report(year: $year) {
        id
        format { id tables { id columns { id isData } } }
        tables { id rows { id values } }
      }
    }
  }
`);
