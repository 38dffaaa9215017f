import { Table, TableColumn, TableIndex } from "typeorm";
import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Outbound delivery (issue 13): webhook endpoints and SMTP settings per agency, users' e-mail addresses, the
 * deliveries themselves (one row per audit record and target — the unique (channel, target, seq) lets every
 * instance derive them without duplicates; a lease lets only one send), and the deadline reminders taken (the
 * primary key (report_id, kind) makes each reminder happen once across instances).
 */
export class OutboundDelivery1764930000000 implements MigrationInterface {
  name = "OutboundDelivery1764930000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn("app_user", new TableColumn({ name: "email", type: "varchar", length: "200", isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: "webhook_endpoint",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "agency_id", type: "integer" },
          { name: "url", type: "varchar", length: "500" },
          { name: "secret", type: "varchar", length: "200" },
          { name: "active", type: "boolean", default: true },
          { name: "consecutive_failures", type: "integer", default: 0 },
          { name: "disabled_at", type: "varchar", length: "24", isNullable: true },
          { name: "created_at", type: "varchar", length: "24" },
        ],
        indices: [new TableIndex({ name: "ix_webhook_endpoint_agency", columnNames: ["agency_id"] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "smtp_config",
        columns: [
          { name: "agency_id", type: "integer", isPrimary: true },
          { name: "host", type: "varchar", length: "200" },
          { name: "port", type: "integer" },
          { name: "secure", type: "boolean", default: false },
          { name: "username", type: "varchar", length: "200", isNullable: true },
          { name: "password", type: "varchar", length: "200", isNullable: true },
          { name: "from_address", type: "varchar", length: "200" },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "delivery",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "channel", type: "varchar", length: "8" },
          { name: "target", type: "integer" },
          { name: "agency_id", type: "integer" },
          { name: "seq", type: "integer" },
          { name: "event", type: "varchar", length: "64" },
          { name: "recipient", type: "varchar", length: "500" },
          { name: "body", type: "text" },
          { name: "status", type: "varchar", length: "12" },
          { name: "attempts", type: "integer", default: 0 },
          { name: "response_code", type: "integer", isNullable: true },
          { name: "last_error", type: "varchar", length: "500", isNullable: true },
          { name: "next_attempt_at", type: "varchar", length: "24", isNullable: true },
          { name: "lease_until", type: "varchar", length: "24", isNullable: true },
          { name: "leased_by", type: "varchar", length: "64", isNullable: true },
          { name: "delivered_at", type: "varchar", length: "24", isNullable: true },
          { name: "created_at", type: "varchar", length: "24" },
        ],
        indices: [
          new TableIndex({ name: "uq_delivery_target_seq", columnNames: ["channel", "target", "seq"], isUnique: true }),
          new TableIndex({ name: "ix_delivery_due", columnNames: ["status", "next_attempt_at"] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: "report_reminder",
        columns: [
          { name: "report_id", type: "integer", isPrimary: true },
          { name: "kind", type: "varchar", length: "16", isPrimary: true },
          { name: "at", type: "varchar", length: "24" },
          { name: "instance", type: "varchar", length: "64" },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("report_reminder");
    await queryRunner.dropTable("delivery");
    await queryRunner.dropTable("smtp_config");
    await queryRunner.dropTable("webhook_endpoint");
    await queryRunner.dropColumn("app_user", "email");
  }
}
