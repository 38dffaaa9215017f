import { Column, Entity, PrimaryColumn } from "typeorm";

/** A signed-in browser: the cookie carries a random token, the table its SHA-256. */
@Entity({ name: "user_session" })
export class UserSessionEntity {
  @PrimaryColumn({ name: "token_hash", type: "varchar", length: 64 })
  tokenHash!: string;

  @Column({ name: "user_id", type: "integer" })
  userId!: number;

  @Column({ name: "created_at", type: "varchar", length: 24 })
  createdAt!: string;

  @Column({ name: "expires_at", type: "varchar", length: 24 })
  expiresAt!: string;
}
