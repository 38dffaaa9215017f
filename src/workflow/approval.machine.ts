import { assign, setup } from "xstate";
import { refusalsFor } from "./approval.policy";
import type { GuardName } from "./approval.policy";
import type { ApprovalContext, ApprovalInput, Rejection, WorkflowEvent } from "./approval.types";

/**
 * Stored with every persisted snapshot. Bump it whenever states, context or
 * guards change meaning, and migrate stored snapshots.
 * 2: four eyes over the whole revision (editors, submitters, secrecy reviewers);
 *    snapshots re-tagged by migration 1764800000000.
 * 3: scheduled publication (SCHEDULE_PUBLISH / UNSCHEDULE_PUBLISH in 已批准; context gains
 *    scheduledPublishAt and scheduledBy); snapshots migrated by 1764920000000.
 */
export const MACHINE_VERSION = 3;

type GuardArgs = { context: ApprovalContext; event: WorkflowEvent };
const allowedBy =
  (guard: GuardName) =>
  ({ context, event }: GuardArgs): boolean =>
    refusalsFor(guard, context, event).length === 0;

function initialContext(input: ApprovalInput): ApprovalContext {
  return {
    revision: input.revision ?? 1,
    submitterId: null,
    lastSubmittedAt: null,
    submittedContentHash: null,
    secrecyClearedBy: null,
    secrecyClearedAt: null,
    signedContentHash: null,
    signedBy: null,
    signedAt: null,
    publishedRevision: null,
    publishedContentHash: null,
    publishedAt: null,
    firstPublishedAt: null,
    correctionReason: null,
    lastRejection: null,
    scheduledPublishAt: null,
    scheduledBy: null,
  };
}

/**
 * The approval process of one annual report: 草稿 → 保密审查 → 领导签发 → 已批准 → 已发布.
 * Pure: guards read only context and event, actions only assign.
 */
export const approvalMachine = setup({
  types: {
    context: {} as ApprovalContext,
    events: {} as WorkflowEvent,
    input: {},
  },
  guards: {
    maySubmit: allowedBy("maySubmit"),
    mayWithdraw: allowedBy("mayWithdraw"),
    mayClearSecrecy: allowedBy("mayClearSecrecy"),
    maySignOff: allowedBy("maySignOff"),
    mayRejectSecrecy: allowedBy("mayRejectSecrecy"),
    mayRejectSignOff: allowedBy("mayRejectSignOff"),
    mayPublish: allowedBy("mayPublish"),
    mayCorrect: allowedBy("mayCorrect"),
    maySchedulePublish: allowedBy("maySchedulePublish"),
    mayUnschedulePublish: allowedBy("mayUnschedulePublish"),
    mayRecordPublished: allowedBy("mayRecordPublished"),
  },
  actions: {
    recordSubmission: assign(({ event }) => ({
      submitterId: event.actor.userId,
      lastSubmittedAt: event.at,
      submittedContentHash: event.facts.contentHash,
      lastRejection: null,
    })),
    clearReview: assign({
      secrecyClearedBy: null,
      secrecyClearedAt: null,
      signedContentHash: null,
      signedBy: null,
      signedAt: null,
    }),
    recordSecrecyClearance: assign(({ event }) => ({
      secrecyClearedBy: event.actor.userId,
      secrecyClearedAt: event.at,
    })),
    recordSignOff: assign(({ event }) => ({
      signedContentHash: event.facts.contentHash,
      signedBy: event.actor.userId,
      signedAt: event.at,
    })),
    recordRejection: assign(({ event }, params: { from: Rejection["from"] }) => ({
      lastRejection: {
        by: event.actor.userId,
        reason: (event.reason ?? "").trim(),
        at: event.at,
        from: params.from,
      },
    })),
    recordPublication: assign(({ context, event }) => ({
      publishedRevision: context.revision,
      publishedContentHash: event.facts.contentHash,
      publishedAt: event.at,
      firstPublishedAt: context.firstPublishedAt ?? event.at,
      // Note: a publication, scheduled or by hand, consumes the schedule.
      scheduledPublishAt: null,
      scheduledBy: null,
    })),
    recordSchedule: assign(({ event }) => ({
      scheduledPublishAt: new Date(event.publishAt!).toISOString(),
      scheduledBy: event.actor.userId,
    })),
    clearSchedule: assign({ scheduledPublishAt: null, scheduledBy: null }),
    // Note: the publication happened elsewhere, on its own date: that date (not the event's) is the publication.
    recordPriorPublication: assign(({ context, event }) => ({
      publishedRevision: context.revision,
      publishedContentHash: event.facts.contentHash,
      publishedAt: event.publication!.at,
      firstPublishedAt: context.firstPublishedAt ?? event.publication!.at,
      scheduledPublishAt: null,
      scheduledBy: null,
    })),
    startCorrection: assign(({ context, event }) => ({
      revision: context.revision + 1,
      correctionReason: (event.reason ?? "").trim(),
      lastRejection: null,
    })),
  },
}).createMachine({
  id: "approval",
  initial: "draft",
  // Note: xstate's transition() builds an actor without input on every call (its inert scope); without the default
  // that threw a TypeError xstate caught, once a workflow step (3 % of a step's CPU in (d), the error's stack).
  context: ({ input }) => initialContext(input ?? {}),
  states: {
    draft: {
      // Only a draft's content may change (report-store reads this tag, never the state name).
      tags: ["editable"],
      on: {
        SUBMIT: {
          target: "secrecyReview",
          guard: "maySubmit",
          actions: ["clearReview", "recordSubmission"],
        },
        RECORD_PUBLISHED: { target: "published", guard: "mayRecordPublished", actions: "recordPriorPublication" },
      },
    },
    secrecyReview: {
      on: {
        WITHDRAW: { target: "draft", guard: "mayWithdraw" },
        CLEAR_SECRECY: {
          target: "leadershipSignOff",
          guard: "mayClearSecrecy",
          actions: "recordSecrecyClearance",
        },
        REJECT: {
          target: "draft",
          guard: "mayRejectSecrecy",
          actions: { type: "recordRejection", params: { from: "secrecyReview" } },
        },
      },
    },
    leadershipSignOff: {
      on: {
        SIGN_OFF: { target: "approved", guard: "maySignOff", actions: "recordSignOff" },
        REJECT: {
          target: "draft",
          guard: "mayRejectSignOff",
          actions: { type: "recordRejection", params: { from: "leadershipSignOff" } },
        },
      },
    },
    approved: {
      on: {
        PUBLISH: { target: "published", guard: "mayPublish", actions: "recordPublication" },
        // Note: self-transitions; at the time, the scheduler sends PUBLISH above in the scheduler's name.
        SCHEDULE_PUBLISH: { target: "approved", guard: "maySchedulePublish", actions: "recordSchedule" },
        UNSCHEDULE_PUBLISH: { target: "approved", guard: "mayUnschedulePublish", actions: "clearSchedule" },
      },
    },
    published: {
      // The live state is what the public sees (outside a correction, the published revision is the live content).
      tags: ["public"],
      on: {
        CORRECT: {
          target: "draft",
          guard: "mayCorrect",
          actions: ["clearReview", "startCorrection"],
        },
      },
    },
  },
});

export type ApprovalMachine = typeof approvalMachine;
