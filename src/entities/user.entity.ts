import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * A person who works in Gongkai, with roles in one agency.
 * Note: the table is app_user because "user" is reserved in PostgreSQL.
 */
@Entity({ name: "app_user" })
export class UserEntity {
  @PrimaryGeneratedColumn({ type: "integer" })
  id!: number;

  @Index("uq_app_user_name", { unique: true })
  @Column({ type: "varchar", length: 100 })
  name!: string;

  @Index("ix_app_user_agency")
  @Column({ name: "agency_id", type: "integer" })
  agencyId!: number;

  /** Comma-separated role names (DRAFTER,LEADER…): portable across engines, read through `roleList`. */
  @Column({ type: "varchar", length: 200 })
  roles!: string;

  @Column({ type: "boolean", default: true })
  active!: boolean;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;
}
