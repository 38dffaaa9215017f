import { ApolloServer } from "@apollo/server";
import type { GraphQLContext } from "../../src/resolvers";
import { createRequestContext } from "../../src/resolvers/request-context";
import { buildGongkaiSchema } from "../../src/server/build-schema";
import { LIST_BUILDS, Semaphore, listBuildsFor, listBuildsPlugin } from "../../src/server/list-builds";
import { CLI_ACTOR } from "../../src/services";
import type { Services } from "../../src/services";
import { openTestServices } from "../support/test-services";

describe("list pages built a few at a time", () => {
  it("lets `limit` holders in at once and hands each freed turn to the next waiting one, in order", async () => {
    const turns = new Semaphore(2);
    const first = await turns.acquire();
    const second = await turns.acquire();
    const order: string[] = [];
    const third = turns.acquire().then(release => (order.push("third"), release));
    const fourth = turns.acquire().then(release => (order.push("fourth"), release));
    await new Promise(resolve => setImmediate(resolve));
    expect(order).toEqual([]);
    expect(turns.counts).toEqual({ active: 2, waiting: 2 });
    first();
    first(); // a second call gives nothing back twice
    const releaseThird = await third;
    expect(order).toEqual(["third"]);
    expect(turns.counts).toEqual({ active: 2, waiting: 1 });
    releaseThird();
    const releaseFourth = await fourth;
    expect(order).toEqual(["third", "fourth"]);
    second();
    releaseFourth();
    expect(turns.counts).toEqual({ active: 0, waiting: 0 });
  });

  describe("as an Apollo plugin", () => {
    let services: Services;
    let apollo: ApolloServer<GraphQLContext>;
    const turns = new Semaphore(1);

    beforeAll(async () => {
      services = await openTestServices();
      apollo = new ApolloServer<GraphQLContext>({ schema: buildGongkaiSchema(), plugins: [listBuildsPlugin(turns)] });
      await apollo.start();
    });

    afterAll(async () => {
      await apollo.stop();
      await services.db.close();
    });

    const run = (query: string) => apollo.executeOperation({ query }, { contextValue: createRequestContext(services, CLI_ACTOR, "list") });

    it("holds a list page until a turn is free, and gives the turn back after an answer or an error", async () => {
      const held = await turns.acquire();
      let answered = false;
      const page = run("{ reports(first: 5) { totalCount } }").then(response => ((answered = true), response));
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(answered).toBe(false);
      held();
      const response = await page;
      expect(response.body.kind === "single" && response.body.singleResult.errors).toBeUndefined();
      expect(turns.counts).toEqual({ active: 0, waiting: 0 });
      const refused = await run("{ reports(first: 500) { totalCount } }");
      expect(refused.body.kind === "single" && refused.body.singleResult.errors?.length).toBe(1);
      expect(turns.counts).toEqual({ active: 0, waiting: 0 });
    });

    it("does not hold other operations", async () => {
      const held = await turns.acquire();
      try {
        const response = await run("{ workflowDefinition { states { state } } }");
        expect(response.body.kind === "single" && response.body.singleResult.errors).toBeUndefined();
      } finally {
        held();
      }
    });
  });
});

describe("list builds per engine", () => {
  it("builds one page at a time on SQLite (a synchronous driver) and LIST_BUILDS on PostgreSQL", () => {
    expect(listBuildsFor("sqlite")).toBe(1);
    expect(listBuildsFor("postgres")).toBe(LIST_BUILDS);
  });
});
