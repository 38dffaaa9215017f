/** Roles a user holds in one agency. AUDITOR and ADMIN take no workflow step. */
export const ROLES = ["DRAFTER", "SECRECY_REVIEWER", "LEADER", "PUBLISHER", "AUDITOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** The machine's states, in process order. */
export const APPROVAL_STATES = ["draft", "secrecyReview", "leadershipSignOff", "approved", "published"] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** The events (GraphQL: imperative enum), in process order. */
export const WORKFLOW_EVENT_TYPES = [
  "SUBMIT",
  "WITHDRAW",
  "CLEAR_SECRECY",
  "SIGN_OFF",
  "REJECT",
  "PUBLISH",
  "CORRECT",
  "SCHEDULE_PUBLISH",
  "UNSCHEDULE_PUBLISH",
  "RECORD_PUBLISHED",
] as const;
export type WorkflowEventType = (typeof WORKFLOW_EVENT_TYPES)[number];

/** Who sends the event, with the roles they hold in the report's agency. */
export interface WorkflowActor {
  userId: string;
  roles: readonly Role[];
}

/** What the service loaded about the report just before sending the event. */
export interface WorkflowFacts {
  /** Error-severity validation violations of the current content. */
  errorCount: number;
  /** Ids of required sections that are still empty. */
  emptySections: readonly string[];
  /**
   * Users who changed the content of the revision under work — cells, sections,
   * channels, title, import, any edit, not only the last — since that revision
   * was opened (the report's creation, or the correction that opened it).
   */
  editorIds: readonly string[];
  /** Users who submitted the revision under work, in any round since it was opened. */
  submitterIds: readonly string[];
  /** Users who cleared secrecy review of the revision under work, in any round since it was opened. */
  secrecyReviewerIds: readonly string[];
  /** Hash of the current content (cells and sections). */
  contentHash: string;
}

/**
 * Every event has the same body, so a service loads actor and facts once and can
 * ask about every event (viewerCan… fields). Guards read nothing else.
 */
export interface WorkflowEventBody {
  actor: WorkflowActor;
  facts: WorkflowFacts;
  /** Required by REJECT and CORRECT; ignored otherwise. */
  reason?: string;
  /** ISO 8601 time the event happened; guards never read the clock. */
  at: string;
  /** SCHEDULE_PUBLISH only: when to publish (ISO 8601), after `at`. */
  publishAt?: string;
  /**
   * PUBLISH sent by the scheduler: the time of the schedule it carries out (ISO 8601). The schedule must still
   * stand, set by the same actor; a publication by hand leaves it undefined.
   */
  scheduledFor?: string;
  /** Required by RECORD_PUBLISHED; ignored otherwise: when and where the report was already published. */
  publication?: PriorPublication;
}

/**
 * A publication that happened outside this system (a past report imported for its figures): the
 * original date and where it was published. Recorded as the published revision, so deadlines and
 * 逾期 are judged by this date, not by the day it was imported.
 */
export interface PriorPublication {
  /** ISO 8601 instant of the original publication (not after the event's `at`). */
  at: string;
  /** Where it was published: the page's URL, or the file's name, with the file's SHA-256. */
  source: { url?: string; fileName?: string; sha256?: string };
}

export type WorkflowEvent = {
  [T in WorkflowEventType]: { type: T } & WorkflowEventBody;
}[WorkflowEventType];

export interface Rejection {
  by: string;
  reason: string;
  at: string;
  /** The state the report was rejected from. */
  from: "secrecyReview" | "leadershipSignOff";
}

/** Machine context; JSON-serialisable (strings, numbers, nulls only). */
export interface ApprovalContext {
  /** The revision under work; 1 for the first, +1 per correction. */
  revision: number;
  submitterId: string | null;
  lastSubmittedAt: string | null;
  /** Content hash at submission; reviewers and leaders act on exactly this content. */
  submittedContentHash: string | null;
  secrecyClearedBy: string | null;
  secrecyClearedAt: string | null;
  signedContentHash: string | null;
  signedBy: string | null;
  signedAt: string | null;
  /** The revision that is public now (null until the first publication). */
  publishedRevision: number | null;
  publishedContentHash: string | null;
  publishedAt: string | null;
  /** When revision 1 (or the first imported one) was published; for lateness. */
  firstPublishedAt: string | null;
  /** Why the current revision was opened as a correction (null for revision 1). */
  correctionReason: string | null;
  lastRejection: Rejection | null;
  /** When an approved report is to be published by itself (SCHEDULE_PUBLISH); null when no schedule stands. */
  scheduledPublishAt: string | null;
  /** The publisher who scheduled it; the scheduled publication is taken in their name, with their roles then. */
  scheduledBy: string | null;
}

export interface ApprovalInput {
  /** Defaults to 1; set when importing a report that already has revisions. */
  revision?: number;
}

/** Why a step is refused, each with what it means (the GraphQL enum RefusalCode is built from this list). */
export const REFUSAL_CODE_MEANINGS = {
  WRONG_STATE: "The report is not in a state the step starts from.",
  MISSING_ROLE: "The viewer lacks the role the step needs in the report's agency.",
  NOT_SUBMITTER: "Only the user who submitted the report may take the step (WITHDRAW).",
  FOUR_EYES_SUBMITTER: "Four eyes: the submitter may neither clear secrecy review nor sign off.",
  FOUR_EYES_EDITOR: "Four eyes: whoever changed the content of the revision may neither clear secrecy review nor sign it off.",
  FOUR_EYES_REVIEWER: "Four eyes: the secrecy reviewer and the signing leader of one revision are two people.",
  VALIDATION_ERRORS: "The content has ERROR-severity violations: fix them first.",
  EMPTY_SECTIONS: "Required narrative sections are empty: write them first.",
  REASON_REQUIRED: "The step needs a reason (REJECT, CORRECT).",
  CONTENT_CHANGED: "The content differs from what was submitted.",
  HASH_MISMATCH: "The content differs from what the leader signed.",
  PUBLISH_AT_INVALID: "SCHEDULE_PUBLISH needs a valid time after now.",
  NOT_SCHEDULED: "UNSCHEDULE_PUBLISH needs a standing schedule.",
  SCHEDULE_WITHDRAWN: "A scheduled PUBLISH whose schedule no longer stands (withdrawn, replaced, or consumed by a publication).",
  PUBLICATION_REQUIRED: "RECORD_PUBLISHED needs the original publication date and its source.",
  PUBLICATION_IN_FUTURE: "RECORD_PUBLISHED: the publication date is later than now.",
  ALREADY_PUBLISHED: "RECORD_PUBLISHED only records a report never published here (revision 1); a correction is published.",
} as const;
export type RefusalCode = keyof typeof REFUSAL_CODE_MEANINGS;

/** Why an actor may not take a step now; `message` says what to do, in English and Chinese. */
export interface WorkflowRefusal {
  code: RefusalCode;
  message: string;
}
