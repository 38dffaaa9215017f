// Note: Actor lives in src/auth (the audit trail below the services records it too); re-exported for callers.
export * from "../auth/actor";
