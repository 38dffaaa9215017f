import fs from "node:fs";
import { AuditEventEntity, ReportRevisionEntity } from "../../src/entities";
import { getFormat } from "../../src/formats";
import type { Services } from "../../src/services";
import { CLI_ACTOR, DomainError } from "../../src/services";
import { canonicalContent } from "../../src/services/content-hash";
import { revisionContent } from "../../src/services/published-content";
import { SEED_TEXT, openTestServices } from "../support/test-services";
import { HAPPY_PATH, auditCount, createTeam, createValidDraft, walk } from "../support/workflow-fixture";

let services: Services;

beforeAll(async () => {
  services = await openTestServices();
});

afterAll(async () => {
  await services.db.close();
});

async function problemsOf(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.problems.map(p => [p.code, p.field?.join(".")]);
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("the channel chart of section 一", () => {
  it("is stored by the import, with the rest of the import's audit record", async () => {
    await services.agencies.create(CLI_ACTOR, { code: "importer", name: "导入局" });
    const { report } = await services.imports.importText(CLI_ACTOR, { text: fs.readFileSync(SEED_TEXT, "utf8"), agencyCode: "importer" });
    const events = await services.db.read(m => m.findBy(AuditEventEntity, { reportId: report.id }));
    expect(events.map(e => e.action)).toEqual(["report.import"]);
    expect(JSON.parse(events[0].diff).channels).toEqual([
      { label: "越秀区政府门户网站", count: 59 },
      { label: "南方+", count: 830 },
      { label: "微博", count: 204 },
      { label: "市应急局信息网", count: 5 },
      { label: "市级以上媒体", count: 54 },
    ]);
  });

  it("is replaced whole by a DRAFTER on a draft, with one audit record and a new version; bad input changes nothing", async () => {
    const team = await createTeam(services, "charting");
    const draft = await createValidDraft(services, team);
    const records = await auditCount(services);
    const { report: updated } = await services.reports.setChannels(team.DRAFTER, {
      reportId: draft.id,
      expectedVersion: draft.version,
      channels: [
        { label: " 网站 ", count: 3 },
        { label: "微博", count: 0 },
      ],
    });
    expect(updated.version).toBe(draft.version + 1);
    expect(await auditCount(services)).toBe(records + 1);
    const event = await services.db.read(m => m.findOneOrFail(AuditEventEntity, { where: { reportId: draft.id, action: "report.channels.set" } }));
    expect(JSON.parse(event.diff)).toEqual({
      version: draft.version + 1,
      before: [],
      after: [
        { label: "网站", count: 3 },
        { label: "微博", count: 0 },
      ],
    });

    expect(
      await problemsOf(
        services.reports.setChannels(team.DRAFTER, {
          reportId: draft.id,
          channels: [
            { label: "网站", count: -1 },
            { label: "网站", count: 1.5 },
            { label: "", count: 1 },
          ],
        }),
      ),
    ).toEqual([
      ["INVALID_VALUE", "input.channels.0.count"],
      ["DUPLICATE", "input.channels.1.label"],
      ["INVALID_VALUE", "input.channels.1.count"],
      ["INVALID_INPUT", "input.channels.2.label"],
    ]);
    expect(await problemsOf(services.reports.setChannels(team.DRAFTER, { reportId: draft.id, expectedVersion: draft.version, channels: [] }))).toEqual([
      ["CONFLICT", "input.expectedVersion"],
    ]);
    expect(await auditCount(services)).toBe(records + 1);
  });

  it("is part of the published revision's content and hash; content without a chart keeps its earlier canonical form", async () => {
    const team = await createTeam(services, "revising");
    const draft = await createValidDraft(services, team);
    await services.reports.setChannels(team.DRAFTER, { reportId: draft.id, channels: [{ label: "门户网站", count: 7 }] });
    const report = await walk(services, team, draft.id, HAPPY_PATH);
    expect(await problemsOf(services.reports.setChannels(team.DRAFTER, { reportId: report.id, channels: [] }))).toEqual([["REPORT_LOCKED", undefined]]);
    const revision = await services.db.read(m => m.findOneByOrFail(ReportRevisionEntity, { reportId: report.id, kind: "published" }));
    expect(JSON.parse(revision.content).channels).toEqual([["门户网站", 7]]);
    expect(revisionContent(revision).channels).toEqual([{ label: "门户网站", count: 7 }]);

    const format = getFormat("gb2019");
    const plain = { format, year: 2020, cells: {}, sections: {} };
    const stored = canonicalContent("标题", plain);
    expect(Object.keys(JSON.parse(stored))).toEqual(["format", "year", "title", "cells", "sections"]);
    expect(canonicalContent("标题", { ...plain, channels: [] })).toBe(stored);
    // A revision stored before charts existed reads back with no chart.
    expect(revisionContent(Object.assign(new ReportRevisionEntity(), { content: stored })).channels).toEqual([]);
  });
});
