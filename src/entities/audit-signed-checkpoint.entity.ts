import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * A chain head signed with the audit key (Ed25519, kept outside the database).
 * verify trusts it as a starting point only when the signature checks out
 * against the configured public key.
 */
@Entity({ name: "audit_signed_checkpoint" })
export class AuditSignedCheckpointEntity {
  @PrimaryColumn({ type: "integer" })
  seq!: number;

  @PrimaryColumn({ name: "key_id", type: "varchar", length: 16 })
  keyId!: string;

  @Column({ type: "varchar", length: 64 })
  hash!: string;

  /** Base64 Ed25519 signature of "gongkai-audit-checkpoint/v1 <seq> <hash>". */
  @Column({ type: "varchar", length: 100 })
  signature!: string;

  /** ISO 8601 UTC time of signing. */
  @Column({ name: "signed_at", type: "varchar", length: 24 })
  signedAt!: string;
}
