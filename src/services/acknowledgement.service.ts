import type { EntityManager } from "typeorm";
import { appendAudit } from "../audit/append";
import type { Database } from "../db";
import { AgencyEntity, ReportEntity, WarningAcknowledgementEntity } from "../entities";
import { validateReport, violationFingerprint } from "../validation";
import type { Violation } from "../validation";
import type { Role } from "../workflow";
import { canReadReport, reportNotFound, requireSignedIn, rolesIn } from "./access";
import type { Actor } from "./actor";
import { UserErrorCode, problem } from "./errors";
import { reportIdentity } from "./report-identity";
import { loadContents, loadReportOrFail } from "./report-store";
import { workflowContext } from "./workflow.service";

export interface AcknowledgeInput {
  reportId: number;
  /** The warning's fingerprint, as report.validation lists it. */
  fingerprint: string;
  reason: string;
}

/** The reviewers: they consider warnings before clearing or signing the report. */
export const ACKNOWLEDGING_ROLES: readonly Role[] = ["SECRECY_REVIEWER", "LEADER"];
const MAX_REASON = 1000;

export class AcknowledgementService {
  constructor(private readonly db: Database) {}

  acknowledge(actor: Actor, input: AcknowledgeInput): Promise<WarningAcknowledgementEntity> {
    return this.db.transaction(manager => acknowledgeWarning(manager, actor, input));
  }

  /** Every acknowledgement of a report, oldest first (all revisions). */
  list(reportIds: readonly number[]): Promise<WarningAcknowledgementEntity[]> {
    return this.db.read(manager =>
      manager
        .createQueryBuilder(WarningAcknowledgementEntity, "w")
        .where("w.report_id IN (:...ids)", { ids: reportIds.length ? [...reportIds] : [0] })
        .orderBy("w.id", "ASC")
        .getMany(),
    );
  }
}

/**
 * Records that a reviewer considered one current WARNING of the report, with
 * the reason, in the same transaction as its audit record. Errors cannot be
 * acknowledged: they must be fixed. The content does not change, so the
 * report's version does not either.
 */
export async function acknowledgeWarning(manager: EntityManager, actor: Actor, input: AcknowledgeInput): Promise<WarningAcknowledgementEntity> {
  const user = requireSignedIn(actor);
  const report = await loadReportOrFail(manager, input.reportId);
  if (!(await canReadReport(manager, actor, report))) throw reportNotFound();
  if (user && !rolesIn(user, report.agencyId).some(role => ACKNOWLEDGING_ROLES.includes(role))) {
    throw problem(UserErrorCode.FORBIDDEN, `Only a ${ACKNOWLEDGING_ROLES.join(" or ")} of this agency may acknowledge its warnings.`);
  }
  const reason = input.reason.trim();
  if (!reason || reason.length > MAX_REASON) {
    throw problem(UserErrorCode.INVALID_INPUT, `Say why the warning needs no change, in 1–${MAX_REASON} characters.`, ["input", "reason"]);
  }
  const warning = (await currentViolations(manager, report)).find(violation => violationFingerprint(violation) === input.fingerprint);
  if (!warning) {
    throw problem(UserErrorCode.NOT_FOUND, "The report has no current warning with this fingerprint; query report.validation for them.", [
      "input",
      "fingerprint",
    ]);
  }
  if (warning.severity !== "WARNING") {
    throw problem(UserErrorCode.INVALID_INPUT, "This is an ERROR: it blocks the report and must be fixed, not acknowledged.", ["input", "fingerprint"]);
  }
  const revision = workflowContext(report).revision;
  const saved = await manager.save(
    manager.create(WarningAcknowledgementEntity, {
      reportId: report.id,
      revision,
      reportVersion: report.version,
      ruleId: warning.ruleId,
      fingerprint: input.fingerprint,
      message: warning.message,
      reason,
      userId: user?.userId ?? null,
      actorName: actor.kind === "anonymous" ? "anonymous" : actor.name,
    }),
  );
  await appendAudit(manager, actor, {
    action: "report.warning.acknowledge",
    agencyId: report.agencyId,
    reportId: report.id,
    diff: { ruleId: warning.ruleId, fingerprint: input.fingerprint, message: warning.message, reason, revision, version: report.version },
  });
  return saved;
}

/** The report's violations now, with last year's report and its identity, as report.validation computes them. */
async function currentViolations(manager: EntityManager, report: ReportEntity): Promise<Violation[]> {
  const previous = await manager.findOneBy(ReportEntity, { agencyId: report.agencyId, year: report.year - 1 });
  const contents = await loadContents(manager, previous ? [report, previous] : [report]);
  const agency = await manager.findOneBy(AgencyEntity, { id: report.agencyId });
  const last = previous ? contents.get(previous.id) : undefined;
  return validateReport(contents.get(report.id)!, last, reportIdentity(report, agency));
}
