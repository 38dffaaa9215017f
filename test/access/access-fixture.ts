import type { ReportEntity } from "../../src/entities";
import { ANONYMOUS } from "../../src/services";
import type { Actor, Services } from "../../src/services";
import { ROLES } from "../../src/workflow";
import type { Role } from "../../src/workflow";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

/** Internal words planted in drafts, rejections and corrections: an outsider's answer must never contain them. */
export const SECRET = "内部-SECRET";
export const PUBLISHED_VALUE = "2";
export const CORRECTED_VALUE = "7";
const APPLY_KEYS = ["new", "result.open", "result.total"].flatMap(row => [`apply/apply.${row}/col.natural`, `apply/apply.${row}/col.total`]);

export interface AccessWorld {
  office: Team;
  /** Agencies under the office, one per kind of report (each with one user per role). */
  draftTeam: Team;
  publishedTeam: Team;
  correctionTeam: Team;
  other: Team;
  /** Never published; rejected once with an internal reason; a draft text with an internal word. */
  draft: ReportEntity;
  /** Rejected once, then published as revision 1. */
  published: ReportEntity;
  /** Published as revision 1 (apply.new = 2), then reopened for a correction (apply.new = 7, an internal reason). */
  correction: ReportEntity;
  /** The report version publication produced, before the correction started. */
  correctionPublishedVersion: number;
  /** Every staff user's name, none of which an outsider may see. */
  staffNames: string[];
}

async function setApplications(services: Services, team: Team, report: ReportEntity, value: string) {
  await services.reports.setCells(team.DRAFTER, { reportId: report.id, cells: APPLY_KEYS.map(key => ({ key, value })) });
}

/**
 * A supervising office with three agencies under it — a never-published
 * draft, a published report and a report under correction, all for 2020 —
 * and an agency outside the office.
 */
export async function buildAccessWorld(services: Services): Promise<AccessWorld> {
  const office = await createTeam(services, "office");
  const draftTeam = await createTeam(services, "d", "office");
  const publishedTeam = await createTeam(services, "p", "office");
  const correctionTeam = await createTeam(services, "c", "office");
  const other = await createTeam(services, "other");

  const draft = await createValidDraft(services, draftTeam);
  await walk(services, draftTeam, draft.id, [["SUBMIT", "DRAFTER"]]);
  await walk(services, draftTeam, draft.id, [["REJECT", "SECRECY_REVIEWER"]], `保密审查退回 ${SECRET}`);
  await services.reports.updateSection(draftTeam.DRAFTER, { reportId: draft.id, sectionId: "sec.other", body: `草稿 ${SECRET}` });

  const published = await createValidDraft(services, publishedTeam);
  await setApplications(services, publishedTeam, published, PUBLISHED_VALUE);
  await services.reports.setChannels(publishedTeam.DRAFTER, { reportId: published.id, channels: [{ label: "政府网站", count: 5 }] });
  await walk(services, publishedTeam, published.id, [["SUBMIT", "DRAFTER"]]);
  await walk(services, publishedTeam, published.id, [["REJECT", "SECRECY_REVIEWER"]], `涉密 ${SECRET}`);
  await walk(services, publishedTeam, published.id, HAPPY_PATH);

  const correction = await createValidDraft(services, correctionTeam);
  await setApplications(services, correctionTeam, correction, PUBLISHED_VALUE);
  await services.reports.setChannels(correctionTeam.DRAFTER, { reportId: correction.id, channels: [{ label: "政府网站", count: 5 }] });
  const atPublication = await walk(services, correctionTeam, correction.id, HAPPY_PATH);
  await walk(services, correctionTeam, correction.id, [["CORRECT", "DRAFTER"]], `更正原因 ${SECRET}`);
  await setApplications(services, correctionTeam, correction, CORRECTED_VALUE);
  await services.reports.updateSection(correctionTeam.DRAFTER, { reportId: correction.id, sectionId: "sec.other", body: `更正稿 ${SECRET}` });
  await services.reports.setChannels(correctionTeam.DRAFTER, { reportId: correction.id, channels: [{ label: `内部渠道 ${SECRET}`, count: 9 }] });

  const teams = [office, draftTeam, publishedTeam, correctionTeam, other];
  const staffNames = teams.flatMap(team => ROLES.map(role => team[role].name));
  const reload = async (report: ReportEntity) => (await services.reports.findById(report.id))!;
  return {
    office,
    draftTeam,
    publishedTeam,
    correctionTeam,
    other,
    draft: await reload(draft),
    published: await reload(published),
    correction: await reload(correction),
    correctionPublishedVersion: atPublication.version,
    staffNames,
  };
}

export const OUTSIDERS = ["anonymous", "another agency's DRAFTER", "another agency's AUDITOR", "the supervising office's DRAFTER (not an AUDITOR)"] as const;

/** Readers who may not read the draft of any of the three reports. */
export function outsider(world: AccessWorld, name: (typeof OUTSIDERS)[number]): Actor {
  return {
    anonymous: ANONYMOUS,
    "another agency's DRAFTER": world.other.DRAFTER,
    "another agency's AUDITOR": world.other.AUDITOR,
    "the supervising office's DRAFTER (not an AUDITOR)": world.office.DRAFTER,
  }[name];
}

/** Readers who see a report live: each role of its own agency, and the supervising office's AUDITOR. */
export function insiders(world: AccessWorld, own: Team): Array<[string, Actor]> {
  return [...ROLES.map((role: Role): [string, Actor] => [`own ${role}`, own[role]]), ["the supervising office's AUDITOR", world.office.AUDITOR]];
}

/** Every field of Report (history apart: an AUDITOR's field, tested on its own). */
export const ALL_FIELDS = `
  id year title state version createdAt updatedAt
  agency { code } format { id }
  sections { id body }
  tables { id rows { id values } }
  table(id: "apply") { rows { id values } }
  channels { label count }
  validation { valid errorCount warningCount violations { ruleId message } }
  workflow { state version revision publishedRevision dueDate overdue publishedLate correctionReason
    availableActions { action allowed reasonRequired reasons { code message } } }
  workflowHistory { action fromState toState actor { id name } role reason contentHash version at }
  revisions { id revision kind contentHash correctionReason createdAt }
  signature { revision signedHash publishedHash matches }`;

export const REPORT = `query($id: ID!) { report(id: $id) { ${ALL_FIELDS} } }`;

/** A cell of the apply table, from a report answered with ALL_FIELDS. */
export function applyNew(report: { table: { rows: Array<{ id: string; values: Array<string | null> }> } }): string | null {
  return report.table.rows.find(row => row.id === "apply.new")!.values[0];
}
