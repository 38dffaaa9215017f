export type WorkflowSnapshotErrorCode = "VERSION_MISMATCH" | "INVALID_SNAPSHOT";

/**
 * A stored workflow snapshot cannot be restored. This is a data or deployment
 * problem (a migration is missing), not something the user can fix.
 */
export class WorkflowSnapshotError extends Error {
  override readonly name = "WorkflowSnapshotError";

  constructor(
    readonly code: WorkflowSnapshotErrorCode,
    message: string,
  ) {
    super(message);
  }
}
