import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Database, databaseConfigFromUrl } from "../../src/db";
import { PublicPages, mayChangePublicPages } from "../../src/server/public-pages";
import { createServices } from "../../src/services";
import type { Services } from "../../src/services";
import { childDatabaseUrl, dropChildDatabase } from "../support/test-services";
import { HAPPY_PATH, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";
import { attr, findAll, parseHtml, publishSeed, startPublicServer } from "./publication-fixture";

const PENALTY = "active.art20_6/active.penalty/col.decisions";
const REVISION = "/reports/instance-office/2020/revisions/1";

/** Two instances on one database, as two workers or two servers: this one serves the pages, the other one writes. */
describe("the public pages' caches, across instances sharing one database", () => {
  let dir: string;
  let url: string;
  let first: Services;
  let second: Services;
  /** A third instance that only follows the log: no server, so no writes of its own (the inbox) forget its stamps. */
  let third: Services;
  let server: Awaited<ReturnType<typeof startPublicServer>>;
  /** Statements the serving instance sent that read a publication stamp or a revision. */
  let stampReads = 0;
  let seed: { team: Team; reportId: number };
  /** Local commits and stream records that may change a page, seen by the serving instance. */
  let changes = 0;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gongkai-page-instances-"));
    url = childDatabaseUrl(dir);
    const onQuery = (sql: string) => void (/report_revision/.test(sql) && stampReads++);
    first = createServices(await Database.open(databaseConfigFromUrl(url), { onQuery }));
    second = createServices(await Database.open(databaseConfigFromUrl(url), { migrate: false }));
    third = createServices(await Database.open(databaseConfigFromUrl(url), { migrate: false }));
    await third.events.start();
    server = await startPublicServer(first);
    await first.events.start();
    first.db.onCommit(() => changes++);
    first.events.onRecord(record => void (mayChangePublicPages(record.action) && changes++));
  });

  afterAll(async () => {
    await server.close();
    await first.db.close();
    await second.db.close();
    await third.events.stop();
    await third.db.close();
    await dropChildDatabase(url);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function get(url: string, headers: Record<string, string> = {}) {
    const response = await fetch(server.base + url, { headers });
    return { status: response.status, headers: Object.fromEntries([...response.headers].filter(([name]) => name !== "date")), text: await response.text() };
  }

  const superseded = (text: string) => findAll(parseHtml(text), e => attr(e, "id") === "superseded").length;

  it("serves a kept page again without reading the database, with the same bytes and headers, and 304 by ETag", async () => {
    const published = await publishSeed(first, "instance-office");
    seed = { team: published.team, reportId: published.report.id };
    const rendered = await get(REVISION);
    expect(rendered.status).toBe(200);
    const again = await get(REVISION);
    const csv = [await get(`${REVISION}.csv`), await get(`${REVISION}.csv`)];
    expect(again).toEqual(rendered);
    expect(csv[1]).toEqual(csv[0]);
    expect(csv[0].headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const notModified = await get(REVISION, { "if-none-match": rendered.headers.etag });
    expect([notModified.status, notModified.text, notModified.headers["cache-control"], notModified.headers.etag]).toEqual([
      304,
      "",
      "public, max-age=60",
      rendered.headers.etag,
    ]);
    // Note: this instance's own writes (the inbox's notifications of the publication) and the stream's records of
    // the publication forget the stamps, as they should; in a stretch with neither, kept pages cost no statement.
    const window = async () => {
      for (let i = 0; i < 5; i++) {
        expect(await get(REVISION)).toEqual(rendered);
        expect((await get(`${REVISION}.csv`, { "if-none-match": csv[0].headers.etag })).status).toBe(304);
      }
    };
    let quiet = false;
    for (let tries = 0; !quiet && tries < 100; tries++) {
      // Two stretches: the first reads again what a change just before it forgot; with no change during both, the
      // second must read nothing.
      const changesBefore = changes;
      await window();
      const readsBefore = stampReads;
      await window();
      quiet = changes === changesBefore;
      if (quiet) expect(stampReads).toBe(readsBefore);
      else await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(quiet).toBe(true);
  });

  it("shows a correction published by another instance within a bounded wait (the event stream's poll)", async () => {
    expect(superseded((await get(REVISION)).text)).toBe(0);
    const follower = new PublicPages(third);
    const stampBefore = await follower.stamps.get("instance-office", 2020);
    expect(follower.stamps.peek("instance-office", 2020)).toBe(stampBefore);
    const { team, reportId } = seed;
    await walk(second, team, reportId, [["CORRECT", "DRAFTER"]], "数字有误");
    const draft = (await second.reports.findById(reportId))!;
    await second.reports.setCells(team.DRAFTER, { reportId, cells: [{ key: PENALTY, value: "589" }], expectedVersion: draft.version });
    await walk(second, team, reportId, HAPPY_PATH);

    let page = await get(REVISION);
    for (let tries = 0; superseded(page.text) === 0 && tries < 200; tries++) {
      await new Promise(resolve => setTimeout(resolve, 50));
      page = await get(REVISION);
    }
    expect(superseded(page.text)).toBe(1);
    expect((await get("/reports/instance-office/2020")).text).toContain("第 2 版");
    // The stream alone (the follower wrote nothing) made the follower forget the stamp, and read the new one.
    for (let tries = 0; follower.stamps.peek("instance-office", 2020) !== undefined && tries < 200; tries++) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(follower.stamps.peek("instance-office", 2020)).toBeUndefined();
    expect(await follower.stamps.get("instance-office", 2020)).not.toBe(stampBefore);
    follower.close();
  });
});
