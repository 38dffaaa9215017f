import { loadParticipants } from "../../src/services/participants";
import { openTestServices } from "../support/test-services";
import { HAPPY_PATH, createTeam, createValidDraft, walk } from "../support/workflow-fixture";

/**
 * Issue 14 (d): a step carries its report's four-eyes participants to the version it made instead of reading the
 * audit trail again. After every step of a walk — a rejection, the happy path, a correction and its resubmission —
 * what the cache carries is exactly what the trail says.
 */
describe("participants carried forward by steps", () => {
  it("match the audit trail after every step", async () => {
    const services = await openTestServices();
    try {
      const team = await createTeam(services, "carry");
      const draft = await createValidDraft(services, team);
      const steps: Parameters<typeof walk>[3] = [
        ["SUBMIT", "DRAFTER"],
        ["REJECT", "SECRECY_REVIEWER"],
        ...HAPPY_PATH,
        ["CORRECT", "DRAFTER"],
        ["SUBMIT", "DRAFTER"],
        ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
      ];
      let carried = 0;
      for (const step of steps) {
        const report = await walk(services, team, draft.id, [step], "理由");
        const fromTrail = (await services.db.read(manager => loadParticipants(manager, [draft.id]))).get(draft.id);
        const cached = services.contentCache.participants(draft.id, report.version);
        if (cached) carried++;
        if (cached) expect(cached).toEqual(fromTrail);
      }
      // Every step after the first carried them (the first step read them from the trail).
      expect(carried).toBe(steps.length);
    } finally {
      await services.db.close();
    }
  });
});
