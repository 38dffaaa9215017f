import fs from "node:fs";
import { AuditEventEntity, ReportEntity } from "../../src/entities";
import { CLI_ACTOR } from "../../src/services";
import type { Services, UserActor } from "../../src/services";
import { userActor } from "../../src/services/user.service";
import { ROLES } from "../../src/workflow";
import type { Role, WorkflowEventType } from "../../src/workflow";
import { SEED_EXPECTED } from "./test-services";

export type Team = Record<Role, UserActor>;

/** Creates an agency with one user per role, named <code>-<role>. */
export async function createTeam(services: Services, code: string, parentCode?: string): Promise<Team> {
  await services.agencies.create(CLI_ACTOR, { code, name: `${code} 局`, parentCode });
  const team: Partial<Team> = {};
  for (const role of ROLES) {
    const user = await services.users.create(CLI_ACTOR, { name: `${code}-${role.toLowerCase()}`, agencyCode: code, roles: [role] });
    team[role] = userActor(user);
  }
  return team as Team;
}

const SEED_CELLS = JSON.parse(fs.readFileSync(SEED_EXPECTED, "utf8")).cells as Record<string, number>;

/** A complete, valid 2020 draft (the seed's numbers and three written sections), last edited by the team's drafter. */
export async function createValidDraft(services: Services, team: Team, year = 2020): Promise<ReportEntity> {
  const drafter = team.DRAFTER;
  const report = await services.reports.create(drafter, { agencyId: drafter.agencyId, year });
  const cells = Object.entries(SEED_CELLS).map(([key, value]) => ({ key, value: String(value) }));
  await services.reports.setCells(drafter, { reportId: report.id, cells });
  for (const sectionId of ["sec.overview", "sec.problems", "sec.other"]) {
    await services.reports.updateSection(drafter, { reportId: report.id, sectionId, body: `${sectionId} 的内容。` });
  }
  return (await services.reports.findById(report.id))!;
}

/** The happy path's steps in order, each with the role that takes it. */
export const HAPPY_PATH: Array<[WorkflowEventType, Role]> = [
  ["SUBMIT", "DRAFTER"],
  ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
  ["SIGN_OFF", "LEADER"],
  ["PUBLISH", "PUBLISHER"],
];

/** Takes workflow steps as the given team members; returns the report afterwards. */
export async function walk(services: Services, team: Team, reportId: number, steps: Array<[WorkflowEventType, Role]>, reason?: string) {
  for (const [event, role] of steps) {
    const report = (await services.reports.findById(reportId))!;
    await services.workflow.step(team[role], event, { reportId, expectedVersion: report.version, reason });
  }
  return (await services.reports.findById(reportId))!;
}

/** Every row of every table, for proving that a refused request changed nothing. */
export async function databaseFingerprint(services: Services): Promise<string> {
  const tables = [
    "agency",
    "report",
    "report_section",
    "report_cell",
    "report_channel",
    "app_user",
    "workflow_event",
    "report_revision",
    "audit_event",
    "audit_checkpoint",
    "audit_signed_checkpoint",
    "webhook_endpoint",
    "smtp_config",
    "delivery",
    "report_reminder",
    "scheduled_job",
  ];
  return services.db.read(async manager => {
    const dump: Record<string, unknown> = {};
    for (const table of tables) {
      dump[table] = await manager.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
    }
    return JSON.stringify(dump);
  });
}

export async function reportState(services: Services, reportId: number) {
  const report = await services.db.read(manager => manager.findOneByOrFail(ReportEntity, { id: reportId }));
  return { state: report.state, version: report.version };
}

export async function auditCount(services: Services): Promise<number> {
  return services.db.read(manager => manager.count(AuditEventEntity));
}
