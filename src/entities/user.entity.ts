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

  /** scrypt$N$r$p$salt$hash (base64), or null: this user cannot sign in with a password. */
  @Column({ name: "password_hash", type: "varchar", length: 200, nullable: true })
  passwordHash!: string | null;

  /** Set by `user passwd --temporary` and by an ADMIN's reset: the next sign-in must choose a new password. */
  @Column({ name: "password_temporary", type: "boolean", default: false })
  passwordTemporary!: boolean;

  @Column({ name: "failed_sign_ins", type: "integer", default: 0 })
  failedSignIns!: number;

  /** ISO time until which sign-in is refused after repeated failures. */
  @Column({ name: "locked_until", type: "varchar", length: 24, nullable: true })
  lockedUntil!: string | null;

  /** Where e-mail notifications go (outbound delivery); null: none are sent to this user. */
  @Column({ type: "varchar", length: 200, nullable: true })
  email!: string | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;
}
