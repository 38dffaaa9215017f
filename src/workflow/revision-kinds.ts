import type { WorkflowEventType } from "./approval.types";

/**
 * The steps that cut an immutable revision snapshot, and the kind each is stored under. The published one is
 * what the public sees; the signed one is what publication is checked against. Services, the demo generator and
 * the GraphQL enum RevisionKind all read this one list.
 */
export const REVISION_KIND_OF_STEP = {
  SUBMIT: "submitted",
  SIGN_OFF: "signed",
  PUBLISH: "published",
  // A past report recorded as published elsewhere: its published revision carries the original date and source.
  RECORD_PUBLISHED: "published",
} as const satisfies Partial<Record<WorkflowEventType, string>>;

export type RevisionKind = (typeof REVISION_KIND_OF_STEP)[keyof typeof REVISION_KIND_OF_STEP];

/** The revision kind a step stores, or undefined for a step that cuts none. */
export function revisionKindOf(type: WorkflowEventType): RevisionKind | undefined {
  return (REVISION_KIND_OF_STEP as Partial<Record<WorkflowEventType, RevisionKind>>)[type];
}
