import fs from "node:fs";
import path from "node:path";
import { printGongkaiSchema } from "../../src/server/build-schema";

describe("schema.graphql", () => {
  it("matches the schema the code builds (run `npm run schema:emit` after changing the API)", () => {
    const committed = fs.readFileSync(path.resolve(__dirname, "../../src/schema/schema.graphql"), "utf8");
    expect(printGongkaiSchema()).toBe(committed);
  });
});
