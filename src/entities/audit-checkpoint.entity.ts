import { Column, CreateDateColumn, Entity, PrimaryColumn } from "typeorm";

/** A verified chain head: a later verify may resume from here instead of from record 1. */
@Entity({ name: "audit_checkpoint" })
export class AuditCheckpointEntity {
  @PrimaryColumn({ type: "integer" })
  seq!: number;

  @Column({ type: "varchar", length: 64 })
  hash!: string;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;
}
