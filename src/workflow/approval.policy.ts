import type { ApprovalContext, Role, WorkflowEvent, WorkflowRefusal } from "./approval.types";
import { refuse } from "./refusals";

type Check = (context: ApprovalContext, event: WorkflowEvent) => WorkflowRefusal | null;

/** Who may take one transition, and what else must hold. */
export interface StepPolicy {
  /** The actor needs one of these roles; empty means no role is checked. */
  roles: readonly Role[];
  /** Only the user who submitted may take the step. */
  submitterOnly: boolean;
  reasonRequired: boolean;
  /** Further conditions on the facts and context. */
  checks: readonly Check[];
}

const noErrors: Check = (_c, e) => (e.facts.errorCount > 0 ? refuse.validationErrors(e.facts.errorCount) : null);

const noEmptySections: Check = (_c, e) => (e.facts.emptySections.length > 0 ? refuse.emptySections(e.facts.emptySections) : null);

/** Four eyes: the submitter of the revision (this round or an earlier one) neither clears nor signs it. */
const notSubmitter: Check = (c, e) =>
  e.actor.userId === c.submitterId || e.facts.submitterIds.includes(e.actor.userId) ? refuse.submitterFourEyes(e.type) : null;

/** Four eyes: anyone who changed the content since the revision was opened neither clears nor signs it. */
const notEditor: Check = (_c, e) => (e.facts.editorIds.includes(e.actor.userId) ? refuse.editorFourEyes(e.type) : null);

/** Four eyes: whoever cleared the revision's secrecy review does not also sign it off. */
const notSecrecyReviewer: Check = (c, e) =>
  e.actor.userId === c.secrecyClearedBy || e.facts.secrecyReviewerIds.includes(e.actor.userId) ? refuse.reviewerFourEyes(e.type) : null;

const unchangedSinceSubmit: Check = (c, e) => (e.facts.contentHash !== c.submittedContentHash ? refuse.contentChanged(e.type) : null);

const matchesSigned: Check = (c, e) => (e.facts.contentHash !== c.signedContentHash ? refuse.hashMismatch() : null);

/** The time to publish is a real instant after the event's own time (guards never read the clock). */
const publishAtAfterNow: Check = (_c, e) => {
  const publishAt = e.publishAt === undefined ? Number.NaN : Date.parse(e.publishAt);
  return Number.isFinite(publishAt) && publishAt > Date.parse(e.at) ? null : refuse.publishAtInvalid();
};

/** A publication carried out by the scheduler: the schedule it carries out still stands, set by this actor. */
const scheduleStands: Check = (c, e) =>
  e.scheduledFor === undefined || (c.scheduledPublishAt === e.scheduledFor && c.scheduledBy === e.actor.userId) ? null : refuse.scheduleWithdrawn();

const hasSchedule: Check = c => (c.scheduledPublishAt ? null : refuse.notScheduled());
const publicationGiven: Check = (_c, e) =>
  !e.publication?.at || !(e.publication.source.url || e.publication.source.fileName) ? refuse.publicationRequired() : null;

/** Guards never read the clock: the date is compared with the event's own time. */
const publicationNotInFuture: Check = (_c, e) =>
  e.publication?.at && Date.parse(e.publication.at) > Date.parse(e.at) ? refuse.publicationInFuture(e.publication.at) : null;

/** Only a report never published here is recorded as published elsewhere; a correction goes through review. */
const neverPublished: Check = c => (c.publishedRevision !== null || c.revision !== 1 ? refuse.alreadyPublished() : null);

function policy(roles: readonly Role[], checks: readonly Check[] = [], more = {}): StepPolicy {
  return { roles, submitterOnly: false, reasonRequired: false, checks, ...more };
}

/** One policy per guard of the machine; the guard passes when `refusalsFor` is empty. */
export const STEP_POLICIES = {
  maySubmit: policy(["DRAFTER"], [noErrors, noEmptySections]),
  mayWithdraw: policy([], [], { submitterOnly: true }),
  mayClearSecrecy: policy(["SECRECY_REVIEWER"], [notSubmitter, notEditor, unchangedSinceSubmit]),
  maySignOff: policy(["LEADER"], [notSubmitter, notEditor, notSecrecyReviewer, unchangedSinceSubmit]),
  mayRejectSecrecy: policy(["SECRECY_REVIEWER"], [], { reasonRequired: true }),
  mayRejectSignOff: policy(["LEADER"], [], { reasonRequired: true }),
  mayPublish: policy(["PUBLISHER"], [matchesSigned, scheduleStands]),
  mayCorrect: policy(["DRAFTER"], [], { reasonRequired: true }),
  // Note: the same signed-hash check as PUBLISH, so a schedule is only ever set on what the leader signed.
  maySchedulePublish: policy(["PUBLISHER"], [matchesSigned, publishAtAfterNow]),
  mayUnschedulePublish: policy(["PUBLISHER"], [hasSchedule]),
  // Note: recording a publication makes content public without secrecy review or sign-off, which is right only
  // because it is already public elsewhere; the PUBLISHER answers for what the agency publishes, the agency's
  // ADMIN back-fills its history. A DRAFTER alone may not, or a draft could skip review by claiming a past date.
  mayRecordPublished: policy(["PUBLISHER", "ADMIN"], [neverPublished, publicationGiven, publicationNotInFuture]),
} as const satisfies Record<string, StepPolicy>;

export type GuardName = keyof typeof STEP_POLICIES;

export function isGuardName(name: unknown): name is GuardName {
  return typeof name === "string" && Object.hasOwn(STEP_POLICIES, name);
}

/** Given a guard, the context and an event, returns every reason the guard fails. */
export function refusalsFor(guard: GuardName, context: ApprovalContext, event: WorkflowEvent): WorkflowRefusal[] {
  const p: StepPolicy = STEP_POLICIES[guard];
  const out: WorkflowRefusal[] = [];
  if (p.roles.length > 0 && !p.roles.some(r => event.actor.roles.includes(r))) {
    out.push(refuse.missingRole(event.type, p.roles));
  }
  if (p.submitterOnly && event.actor.userId !== context.submitterId) {
    out.push(refuse.notSubmitter(event.type));
  }
  if (p.reasonRequired && !event.reason?.trim()) {
    out.push(refuse.reasonRequired(event.type));
  }
  for (const check of p.checks) {
    const refusal = check(context, event);
    if (refusal) {
      out.push(refusal);
    }
  }
  return out;
}
