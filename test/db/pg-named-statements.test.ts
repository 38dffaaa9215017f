import type { Database } from "../../src/db";
import { openTestDatabase, testEngine } from "../support/test-services";

/**
 * Issue 14: on PostgreSQL a statement the server sends again and again is prepared once per connection (named),
 * not parsed and planned on every execution; one-off texts stay unnamed, and answers are the same either way.
 */
const onPostgres = testEngine === "postgres" ? describe : describe.skip;

onPostgres("named statements on PostgreSQL", () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase();
  }, 60_000);

  afterAll(() => db.close());

  const prepared = (manager: Parameters<Parameters<Database["transaction"]>[0]>[0], text: string) =>
    manager.query<Array<{ n: string }>>(`SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE statement = $1`, [text]);

  it("prepares a repeated parameterised statement on the connection, and answers it as before", async () => {
    const text = "SELECT $1::int + 1 AS answer";
    const result = await db.transaction(async manager => {
      const answers: number[] = [];
      for (let i = 0; i < 6; i++) answers.push(Number((await manager.query<Array<{ answer: number }>>(text, [i]))[0].answer));
      return { answers, prepared: Number((await prepared(manager, text))[0].n) };
    });
    expect(result.answers).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.prepared).toBe(1);
  });

  it("leaves a statement sent once or twice unnamed", async () => {
    const text = "SELECT $1::int * 2 AS twice";
    const count = await db.transaction(async manager => {
      await manager.query(text, [1]);
      return Number((await prepared(manager, text))[0].n);
    });
    expect(count).toBe(0);
  });
});
