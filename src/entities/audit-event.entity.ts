import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * One record of the tamper-evident audit trail. Append-only in the database
 * (triggers refuse UPDATE and DELETE); each record carries the SHA-256 of its
 * canonical form, which includes the previous record's hash.
 */
@Entity({ name: "audit_event" })
@Index("ix_audit_event_report", ["reportId", "seq"])
@Index("ix_audit_event_agency", ["agencyId", "seq"])
@Index("ix_audit_event_actor", ["actorId", "seq"])
@Index("ix_audit_event_action", ["action", "seq"])
// Note: covers the participants query (src/services/participants.ts): no lookup into the table per record.
@Index("ix_audit_event_participants", ["reportId", "action", "actorKind", "actorId", "seq"])
export class AuditEventEntity {
  /** 1, 2, 3 … without gaps: assigned under the chain lock, not by the engine. */
  @PrimaryColumn({ type: "integer" })
  seq!: number;

  /** ISO 8601 UTC with milliseconds, kept as text so the hashed form is byte-exact on every engine. */
  @Index("ix_audit_event_at")
  @Column({ type: "varchar", length: 24 })
  at!: string;

  /** user | cli | system */
  @Column({ name: "actor_kind", type: "varchar", length: 16 })
  actorKind!: string;

  @Column({ name: "actor_id", type: "integer", nullable: true })
  actorId!: number | null;

  @Column({ name: "actor_name", type: "varchar", length: 100 })
  actorName!: string;

  @Column({ name: "actor_roles", type: "varchar", length: 200, nullable: true })
  actorRoles!: string | null;

  @Column({ name: "agency_id", type: "integer", nullable: true })
  agencyId!: number | null;

  @Column({ name: "report_id", type: "integer", nullable: true })
  reportId!: number | null;

  @Column({ type: "varchar", length: 64 })
  action!: string;

  /** The change, as canonical JSON: what it was and what it became. */
  @Column({ type: "text" })
  diff!: string;

  @Column({ name: "request_id", type: "varchar", length: 100, nullable: true })
  requestId!: string | null;

  @Column({ name: "client_address", type: "varchar", length: 64, nullable: true })
  clientAddress!: string | null;

  @Column({ name: "prev_hash", type: "varchar", length: 64 })
  prevHash!: string;

  @Column({ type: "varchar", length: 64 })
  hash!: string;
}
