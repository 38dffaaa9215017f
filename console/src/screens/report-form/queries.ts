import { graphql } from "../../gql";

/** What the form and the desk show of a report; every mutation returns it, so the cache updates everywhere. */
export const ReportFormContent = graphql(`
  fragment ReportFormContent on Report {
    id
    title
    year
    version
    state
    agency { id name code }
    sections { id no title kind body }
    tables { id rows { id values } }
    channels { label count }
    validation {
      valid
      errorCount
      warningCount
      violations { ruleId severity message cells { key label value year } suggestion { key value } }
    }
    workflow {
      state
      version
      dueDate
      overdue
      publishedLate
      revision
      correctionReason
      availableActions { action allowed reasonRequired reasons { code message } }
    }
    workflowHistory { action actor { id name } at reason toState version contentHash }
    revisions { id revision kind contentHash createdAt }
  }
`);

export const ReportPageQuery = graphql(`
  query ReportPage($id: ID!) {
    workflowDefinition {
      states { state label initial final }
      actions { action label reasonRequired }
    }
    report(id: $id) {
      ...ReportFormContent
      format {
        id
        name
        carryOver { key previousKey }
        sections { id no title kind tableIds }
        tables {
          id
          title
          rowHeaderLabel
          cornerNote
          columns { id label depth parentId isData unit type }
          rows { id label depth parentId isData }
        }
      }
    }
  }
`);

export const ReportFormCellsSet = graphql(`
  mutation ReportFormCellsSet($input: ReportCellsSetInput!) {
    reportCellsSet(input: $input) {
      report { ...ReportFormContent }
      userErrors { code field message }
    }
  }
`);

export const ReportFormSectionUpdate = graphql(`
  mutation ReportFormSectionUpdate($input: ReportSectionUpdateInput!) {
    reportSectionUpdate(input: $input) {
      report { ...ReportFormContent }
      userErrors { code field message }
    }
  }
`);

export const ReportFormChannelsSet = graphql(`
  mutation ReportFormChannelsSet($input: ReportChannelsSetInput!) {
    reportChannelsSet(input: $input) {
      report { ...ReportFormContent }
      userErrors { code field message }
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
