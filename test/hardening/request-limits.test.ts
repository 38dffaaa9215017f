import type { TokenConfig } from "../../src/auth/token-config";
import { issueToken } from "../../src/auth/tokens";
import { AuditEventEntity } from "../../src/entities";
import { toGlobalId } from "../../src/schema/node-id";
import { startServer } from "../../src/server/server";
import type { RunningServer } from "../../src/server/server";
import type { Services } from "../../src/services";
import { LIMITS } from "../../src/services/limits";
import { openTestServices } from "../support/test-services";
import { createTeam, createValidDraft } from "../support/workflow-fixture";

const TOKENS: TokenConfig = { kind: "hs256", secret: new TextEncoder().encode("limits-test-secret-of-32-characters!!") };
const CELLS = `mutation($input: ReportCellsSetInput!) { reportCellsSet(input: $input) { changed userErrors { code field message } } }`;

/** Issue 9, point 5: what one request may carry is capped at a multiple of a real report, refused beyond with a clear error. */
describe("bounded work per request", () => {
  let services: Services;
  let server: RunningServer;
  let token: string;
  let reportId: string;

  beforeAll(async () => {
    services = await openTestServices();
    server = await startServer(services, { port: 0, host: "127.0.0.1", tokens: TOKENS });
    const team = await createTeam(services, "limits");
    reportId = toGlobalId("Report", (await createValidDraft(services, team)).id);
    token = await issueToken(TOKENS, { sub: String(team.DRAFTER.userId), name: "limits-drafter", agency: "limits", roles: ["DRAFTER"] });
  });

  afterAll(async () => {
    await server.close();
    await services.db.close();
  });

  async function post(query: string, variables: unknown) {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, json: (await response.json()) as any, bytes: Number(response.headers.get("content-length")) };
  }
  const records = () => services.db.read(m => m.count(AuditEventEntity));

  it("refuses a body over the limit with 413 before parsing it (the 260,000-key request of the review)", async () => {
    const cells = Array.from({ length: 260_000 }, (_, index) => ({ key: `x/${index}/y`, value: "1" }));
    const { status, json } = await post(CELLS, { input: { reportId, cells } });
    expect(status).toBe(413);
    expect(json.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(json.errors[0].message).toContain(String(LIMITS.cellsPerRequest));
  });

  it(`refuses more than ${LIMITS.cellsPerRequest} cells in one request with one TOO_LONG error`, async () => {
    const before = await records();
    const cells = Array.from({ length: LIMITS.cellsPerRequest + 1 }, (_, index) => ({ key: `x/${index}/y`, value: "1" }));
    const { json } = await post(CELLS, { input: { reportId, cells } });
    expect(json.data.reportCellsSet.userErrors).toEqual([
      { code: "TOO_LONG", field: ["input", "cells"], message: expect.stringContaining(`At most ${LIMITS.cellsPerRequest} cells`) },
    ]);
    expect(await records()).toBe(before);
  });

  it(`lists at most ${LIMITS.reportedProblems} problems, the last one counting the rest`, async () => {
    const cells = Array.from({ length: LIMITS.cellsPerRequest }, (_, index) => ({ key: `x/${index}/y`, value: "1" }));
    const { json, bytes } = await post(CELLS, { input: { reportId, cells } });
    const errors = json.data.reportCellsSet.userErrors;
    expect(errors).toHaveLength(LIMITS.reportedProblems);
    expect(errors[0].code).toBe("UNKNOWN_CELL");
    expect(errors[LIMITS.reportedProblems - 1].message).toMatch(new RegExp(`…and ${LIMITS.cellsPerRequest - LIMITS.reportedProblems + 1} more problems`));
    expect(bytes).toBeLessThan(50_000);
  });

  it(`refuses a cell value longer than ${LIMITS.cellValueLength} characters, and any text longer than ${LIMITS.textLength}`, async () => {
    const value = await post(CELLS, { input: { reportId, cells: [{ key: "apply/apply.new/col.natural", value: "1".repeat(LIMITS.cellValueLength + 1) }] } });
    expect(value.json.data.reportCellsSet.userErrors[0]).toMatchObject({ code: "TOO_LONG", field: ["input", "cells", "0", "value"] });
    const text = await post(`mutation($input: ReportImportInput!) { reportImport(input: $input) { userErrors { code } } }`, {
      input: { text: "一".repeat(LIMITS.textLength + 1) },
    });
    expect(text.status).toBe(400);
    expect(text.json.errors[0].extensions).toMatchObject({ code: "TOO_LONG", field: ["variables", "input", "text"] });
  });
});
