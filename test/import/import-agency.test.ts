/**
 * The agency of an imported report (issue 12): the import says which agency it went to and whether it created
 * it, with a readable code (the public URL), never an opaque hash; who may create agencies (an ADMIN under their
 * own agency; trusted operators anywhere) is judged from outside. And two imports of one agency's year at once
 * give one report and one DUPLICATE, never a server error — on SQLite and on PostgreSQL (GONGKAI_TEST_DATABASE).
 */
import fs from "node:fs";
import { AgencyEntity, AuditEventEntity, ReportEntity } from "../../src/entities";
import { ANONYMOUS, CLI_ACTOR } from "../../src/services";
import { codeFromName } from "../../src/services/agency-code";
import { openTestApi, SEED_TEXT } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { createTeam } from "../support/workflow-fixture";

const TEXT = fs.readFileSync(SEED_TEXT, "utf8");
const IMPORT = `mutation($input: ReportImportInput!) {
  reportImport(input: $input) { report { id } agency { code name } agencyCreated userErrors { code message } }
}`;
const CREATE = `mutation($input: AgencyCreateInput!) { agencyCreate(input: $input) { agency { code name parent { code } } userErrors { code message } } }`;

describe("readable agency codes", () => {
  it("are the name's pinyin, a hyphen after each place name, under the supervising office's code when they share it", () => {
    expect(codeFromName("广州市越秀区应急管理局", null)).toBe("guangzhoushi-yuexiuqu-yingjiguanliju");
    expect(codeFromName("广州市越秀区应急管理局", { name: "广州市越秀区人民政府", code: "yuexiu-gov" })).toBe("yuexiu-gov-yingjiguanliju");
    expect(codeFromName("淮安市洪泽区人民政府", null)).toBe("huaianshi-hongzequ-renminzhengfu");
    expect(codeFromName("上海市科学技术委员会", { name: "上海市人民政府", code: "shanghai" })).toBe("shanghai-kexuejishuweiyuanhui");
  });
});

describe("the agency of an import", () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi();
  });
  afterEach(() => api.close());

  it("a trusted import creating the agency by name says so, with a readable code, de-duplicated", async () => {
    await api.services.agencies.create(CLI_ACTOR, { code: "guangzhoushi-yuexiuqu-yingjiguanliju", name: "同码的另一单位" });
    const { data } = await api.run(IMPORT, { input: { text: TEXT } }, CLI_ACTOR);
    expect(data.reportImport.userErrors).toEqual([]);
    expect(data.reportImport.agencyCreated).toBe(true);
    expect(data.reportImport.agency).toEqual({ code: "guangzhoushi-yuexiuqu-yingjiguanliju-2", name: "广州市越秀区应急管理局" });
    expect(data.reportImport.agency.code).not.toMatch(/^agency-[0-9a-f]+$/);
  });

  it("a drafter's import goes to their own agency and names it (not created)", async () => {
    const team = await createTeam(api.services, "own");
    const { data } = await api.run(IMPORT, { input: { text: TEXT } }, team.DRAFTER);
    expect(data.reportImport).toMatchObject({ agency: { code: "own" }, agencyCreated: false, userErrors: [] });
  });

  it("agencies are created by an ADMIN under their own agency (code derived when omitted, audited), not by a drafter or anonymous", async () => {
    await api.services.agencies.create(CLI_ACTOR, { code: "yuexiu-gov", name: "广州市越秀区人民政府" });
    const team = await createTeam(api.services, "office", "yuexiu-gov");
    await api.services.db.transaction(m => m.update(AgencyEntity, { code: "office" }, { name: "广州市越秀区人民政府办公室" }));
    const input = { name: "广州市越秀区应急管理局", parentCode: "office" };
    expect((await api.run(CREATE, { input }, team.DRAFTER)).data.agencyCreate.userErrors[0].code).toBe("FORBIDDEN");
    expect((await api.run(CREATE, { input }, ANONYMOUS)).errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
    const created = (await api.run(CREATE, { input }, team.ADMIN)).data.agencyCreate;
    expect(created).toEqual({ agency: { code: "office-yingjiguanliju", name: "广州市越秀区应急管理局", parent: { code: "office" } }, userErrors: [] });
    const audit = await api.services.db.read(m => m.findOneByOrFail(AuditEventEntity, { action: "agency.create", actorName: "office-admin" }));
    expect(JSON.parse(audit.diff)).toMatchObject({ code: "office-yingjiguanliju", name: "广州市越秀区应急管理局", parentCode: "office" });
    // Anyone may read agencies (they are public: their codes are the public URLs).
    expect((await api.run(`{ agency(code: "office-yingjiguanliju") { name } }`, {}, ANONYMOUS)).data.agency).toEqual({ name: "广州市越秀区应急管理局" });
  });

  it("two imports of one agency's year at once: one report, one DUPLICATE, no server error", async () => {
    const team = await createTeam(api.services, "race");
    const results = await Promise.all([0, 1, 2].map(() => api.run(IMPORT, { input: { text: TEXT } }, team.DRAFTER)));
    expect(results.map(r => r.errors)).toEqual([undefined, undefined, undefined]);
    const codes = results.map(r => r.data.reportImport.userErrors.map((e: { code: string }) => e.code).join(",")).sort();
    expect(codes).toEqual(["", "DUPLICATE", "DUPLICATE"]);
    expect(await api.services.db.read(m => m.countBy(ReportEntity, { year: 2020 }))).toBe(1);
  });

  it("two trusted imports creating the same agency by name at once: one agency, the other DUPLICATE", async () => {
    const results = await Promise.all([0, 1].map(() => api.run(IMPORT, { input: { text: TEXT, newAgencyCode: "yuexiu-emergency" } }, CLI_ACTOR)));
    expect(results.map(r => r.errors)).toEqual([undefined, undefined]);
    const codes = results.map(r => r.data.reportImport.userErrors.map((e: { code: string }) => e.code).join(",")).sort();
    expect(codes).toEqual(["", "DUPLICATE"]);
    expect(await api.services.db.read(m => m.countBy(AgencyEntity, { code: "yuexiu-emergency" }))).toBe(1);
  });
});
