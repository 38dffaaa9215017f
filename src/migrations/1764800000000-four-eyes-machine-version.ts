import type { MigrationInterface, QueryRunner } from "typeorm";

const V1 = '{"machineVersion":1,';
const V2 = '{"machineVersion":2,';

/**
 * Approval machine version 2 (issue 9, four eyes): the guards for clearing and
 * signing off now also refuse everyone who edited, submitted or cleared the
 * revision under work. Context and states are unchanged, so a stored snapshot
 * stays valid as it is; only its version tag moves, so that an instance still
 * running version 1's laxer guards refuses to act on it rather than apply them.
 * The tag is the first key of the stored JSON (see persist in src/workflow/apply.ts).
 */
export class FourEyesMachineVersion1764800000000 implements MigrationInterface {
  name = "FourEyesMachineVersion1764800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await retag(queryRunner, V1, V2);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await retag(queryRunner, V2, V1);
  }
}

async function retag(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  const [tag, prefix] = queryRunner.connection.driver.options.type === "postgres" ? ["$1", "$2"] : ["?", "?"];
  await queryRunner.query(
    `UPDATE report SET workflow_snapshot = CAST(${tag} AS TEXT) || SUBSTR(workflow_snapshot, ${from.length + 1})
     WHERE workflow_snapshot LIKE CAST(${prefix} AS TEXT) || '%'`,
    [to, from],
  );
}
