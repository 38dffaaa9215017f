import fs from "node:fs";
import { toGlobalId } from "../../src/schema/node-id";
import { ANONYMOUS, SYSTEM_ACTOR, createLoaders } from "../../src/services";
import type { Actor } from "../../src/services";
import { ReadScope } from "../../src/services/access";
import { violationFingerprint } from "../../src/validation";
import { ROLES } from "../../src/workflow";
import type { Role, WorkflowEventType } from "../../src/workflow";
import { openTestApi, SEED_TEXT } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { auditCount, createTeam, createValidDraft, databaseFingerprint, walk } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

interface World {
  api: TestApi;
  own: Team;
  other: Team;
}

interface MutationCase {
  name: string;
  /** The role (or roles) of the report's own agency that may do it. */
  allowed: Role | Role[];
  /** Brings a fresh world to where the mutation makes sense; returns its input. */
  prepare(world: World): Promise<Record<string, unknown>>;
  /** Cases where naming another agency is impossible by construction. */
  noOtherAgencyCase?: true;
}

const STEPS: Record<string, [WorkflowEventType, Role][]> = {
  reportSubmit: [],
  reportWithdraw: [["SUBMIT", "DRAFTER"]],
  reportClearSecrecy: [["SUBMIT", "DRAFTER"]],
  reportReject: [["SUBMIT", "DRAFTER"]],
  reportSignOff: [
    ["SUBMIT", "DRAFTER"],
    ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
  ],
  reportPublish: [
    ["SUBMIT", "DRAFTER"],
    ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
    ["SIGN_OFF", "LEADER"],
  ],
  reportCorrect: [
    ["SUBMIT", "DRAFTER"],
    ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
    ["SIGN_OFF", "LEADER"],
    ["PUBLISH", "PUBLISHER"],
  ],
};
const STEP_ROLE: Record<string, Role> = {
  reportSubmit: "DRAFTER",
  reportWithdraw: "DRAFTER",
  reportClearSecrecy: "SECRECY_REVIEWER",
  reportReject: "SECRECY_REVIEWER",
  reportSignOff: "LEADER",
  reportPublish: "PUBLISHER",
  reportCorrect: "DRAFTER",
};

function workflowCase(name: string): MutationCase {
  return {
    name,
    allowed: STEP_ROLE[name],
    async prepare({ api, own }) {
      const draft = await createValidDraft(api.services, own);
      const report = await walk(api.services, own, draft.id, STEPS[name]);
      return { reportId: toGlobalId("Report", report.id), expectedVersion: report.version, reason: "理由" };
    },
  };
}

const APPROVED: [WorkflowEventType, Role][] = [
  ["SUBMIT", "DRAFTER"],
  ["CLEAR_SECRECY", "SECRECY_REVIEWER"],
  ["SIGN_OFF", "LEADER"],
];
const inAnHour = () => new Date(Date.now() + 3_600_000);

/** reportSchedulePublish / reportUnschedulePublish: an approved report, with a schedule standing for the latter. */
function scheduleCase(name: "reportSchedulePublish" | "reportUnschedulePublish"): MutationCase {
  return {
    name,
    allowed: "PUBLISHER",
    async prepare({ api, own }) {
      const draft = await createValidDraft(api.services, own);
      let report = await walk(api.services, own, draft.id, APPROVED);
      if (name === "reportUnschedulePublish") {
        report = await api.services.schedule.schedule(own.PUBLISHER, { reportId: report.id, expectedVersion: report.version, at: inAnHour() });
        return { reportId: toGlobalId("Report", report.id), expectedVersion: report.version };
      }
      return { reportId: toGlobalId("Report", report.id), expectedVersion: report.version, at: inAnHour().toISOString() };
    },
  };
}

const CASES: MutationCase[] = [
  scheduleCase("reportSchedulePublish"),
  scheduleCase("reportUnschedulePublish"),
  { name: "agencyCreate", allowed: "ADMIN", prepare: async () => ({ code: "sub-office", name: "下属单位", parentCode: "own" }) },
  {
    name: "reportCreate",
    allowed: "DRAFTER",
    prepare: async ({ api }) => ({ agencyId: toGlobalId("Agency", (await api.services.agencies.findByCode("own"))!.id), year: 2021 }),
  },
  {
    name: "reportSectionUpdate",
    allowed: "DRAFTER",
    prepare: async ({ api, own }) => ({ reportId: toGlobalId("Report", (await createValidDraft(api.services, own)).id), sectionId: "sec.other", body: "改" }),
  },
  {
    name: "reportCellsSet",
    allowed: "DRAFTER",
    prepare: async ({ api, own }) => ({
      reportId: toGlobalId("Report", (await createValidDraft(api.services, own)).id),
      cells: [{ key: "apply/apply.new/col.natural", value: "9" }],
    }),
  },
  {
    name: "reportChannelsSet",
    allowed: "DRAFTER",
    prepare: async ({ api, own }) => ({
      reportId: toGlobalId("Report", (await createValidDraft(api.services, own)).id),
      channels: [{ label: "政府门户网站", count: 59 }],
    }),
  },
  { name: "reportImport", allowed: "DRAFTER", prepare: async () => ({ text: fs.readFileSync(SEED_TEXT, "utf8"), agencyCode: "own" }) },
  ...Object.keys(STEPS).map(workflowCase),
  {
    name: "reportRecordPublished",
    allowed: ["PUBLISHER", "ADMIN"],
    prepare: async ({ api, own }) => {
      const draft = await createValidDraft(api.services, own);
      return {
        reportId: toGlobalId("Report", draft.id),
        expectedVersion: draft.version,
        publishedAt: "2021-01-20",
        sourceUrl: "https://www.example.gov.cn/2020.html",
      };
    },
  },
  { name: "userCreate", allowed: "ADMIN", noOtherAgencyCase: true, prepare: async () => ({ name: "newcomer", roles: ["DRAFTER"] }) },
  { name: "userDeactivate", allowed: "ADMIN", prepare: async ({ own }) => ({ name: own.LEADER.name }) },
  {
    // Each user marks only their own notifications: there is no other agency to name.
    name: "notificationMarkRead",
    allowed: [...ROLES],
    noOtherAgencyCase: true,
    prepare: async ({ api, own }) => {
      for (const [i, user] of Object.values(own).entries()) {
        await api.services.db.transaction(manager =>
          manager.query(
            "INSERT INTO notification (seq, user_id, report_id, kind, actor_name, at) VALUES ($1, $2, 1, 'WAITING', 'x', '2026-01-01T00:00:00.000Z')".replace(
              /\$\d/g,
              m => (api.services.db.engine === "postgres" ? m : "?"),
            ),
            [i + 1, user.userId],
          ),
        );
      }
      return { all: true };
    },
  },
  {
    name: "reportWarningAcknowledge",
    allowed: ["SECRECY_REVIEWER", "LEADER"],
    prepare: async ({ api, own }) => {
      const draft = await createValidDraft(api.services, own);
      const fingerprint = await warningFingerprint(api, draft.id);
      return { reportId: toGlobalId("Report", draft.id), fingerprint, reason: "已核对，数字无误" };
    },
  },
  { name: "userRolesSet", allowed: "ADMIN", prepare: async ({ own }) => ({ name: own.LEADER.name, roles: ["LEADER", "AUDITOR"] }) },
  { name: "userPasswordReset", allowed: "ADMIN", prepare: async ({ own }) => ({ name: own.LEADER.name, password: "a-temporary-password" }) },
  // Outbound delivery: configured per agency by its ADMIN, for the ADMIN's own agency (no other agency to name).
  { name: "webhookEndpointAdd", allowed: "ADMIN", noOtherAgencyCase: true, prepare: async () => ({ url: "https://oa.example.gov.cn/hooks" }) },
  { name: "webhookEndpointRemove", allowed: "ADMIN", prepare: async world => ({ id: await ownEndpoint(world, false) }) },
  { name: "webhookEndpointEnable", allowed: "ADMIN", prepare: async world => ({ id: await ownEndpoint(world, true) }) },
  {
    name: "smtpConfigSet",
    allowed: "ADMIN",
    noOtherAgencyCase: true,
    prepare: async () => ({ host: "mail.example.gov.cn", port: 25, from: "gongkai@example.gov.cn" }),
  },
  // The leader sets their own address; an ADMIN may set it too.
  { name: "userEmailSet", allowed: ["ADMIN", "LEADER"], prepare: async ({ own }) => ({ name: own.LEADER.name, email: "leader@example.gov.cn" }) },
];

/** An endpoint of the own agency (disabled after failures, for enabling), as its global id. */
async function ownEndpoint({ api, own }: World, disabled: boolean): Promise<string> {
  const { endpoint } = await api.services.delivery.addEndpoint(own.ADMIN, { url: "https://oa.example.gov.cn/hooks" });
  if (disabled)
    await api.services.db.transaction(manager =>
      manager.query(`UPDATE webhook_endpoint SET active = FALSE, consecutive_failures = 10 WHERE id = ${endpoint.id}`),
    );
  return toGlobalId("WebhookEndpoint", endpoint.id);
}

/** Makes the draft's text state a figure its table does not hold, and returns that warning's fingerprint. */
async function warningFingerprint(api: TestApi, reportId: number): Promise<string> {
  await api.services.reports.updateSection(SYSTEM_ACTOR, { reportId, sectionId: "sec.other", body: "全年收到政府信息公开申请 987654 件。" });
  const scope = new ReadScope(work => api.services.db.read(work), SYSTEM_ACTOR);
  const violations = await createLoaders(api.services.db, scope).validation.load(reportId);
  const warning = violations.find(violation => violation.ruleId === "text.statement");
  return violationFingerprint(warning!);
}

const PAYLOAD_FIELD: Record<string, string> = {
  agencyCreate: "agency",
  userCreate: "user",
  userDeactivate: "user",
  userPasswordReset: "user",
  userRolesSet: "user",
  reportWarningAcknowledge: "report",
  notificationMarkRead: "unreadCount",
};

/** Payloads whose selection is not one of the above. */
const SELECTION: Record<string, string> = {
  webhookEndpointAdd: "endpoint { id }",
  webhookEndpointRemove: "changed",
  webhookEndpointEnable: "changed",
  smtpConfigSet: "smtpConfig { host }",
  userEmailSet: "email",
};
const INPUT_TYPE: Record<string, string> = { webhookEndpointRemove: "WebhookEndpointIdInput", webhookEndpointEnable: "WebhookEndpointIdInput" };

function documentFor(name: string): string {
  const inputType =
    INPUT_TYPE[name] ??
    ((name.startsWith("report") && STEPS[name]) || name === "reportUnschedulePublish"
      ? "ReportWorkflowInput"
      : `${name[0].toUpperCase()}${name.slice(1)}Input`);
  const field = PAYLOAD_FIELD[name] ?? "report";
  const selection =
    SELECTION[name] ??
    (field === "report" ? "report { id }" : field === "agency" ? "agency { id }" : field === "unreadCount" ? "unreadCount" : "user { name }");
  return `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { code message } } }`;
}

async function openWorld(): Promise<World> {
  const api = await openTestApi();
  const own = await createTeam(api.services, "own");
  const other = await createTeam(api.services, "other");
  return { api, own, other };
}

type Scope = "own agency" | "other agency" | "anonymous";

const MATRIX: Array<[string, Role | "nobody", Scope]> = CASES.flatMap(mutation =>
  (["own agency", "other agency", "anonymous"] as Scope[]).flatMap((scope): Array<[string, Role | "nobody", Scope]> =>
    scope === "anonymous"
      ? [[mutation.name, "nobody", scope]]
      : scope === "other agency" && mutation.noOtherAgencyCase
        ? []
        : ROLES.map((role): [string, Role, Scope] => [mutation.name, role, scope]),
  ),
);

describe("authorization matrix: every role × every mutation × own agency / other agency / anonymous; an allowed mutation leaves exactly one audit record, a refused one changes nothing", () => {
  it.each(MATRIX)("%s by %s of the %s", async (name, role, scope) => {
    const world = await openWorld();
    try {
      const mutation = CASES.find(c => c.name === name)!;
      const input = await mutation.prepare(world);
      const actor: Actor = scope === "anonymous" ? ANONYMOUS : (scope === "own agency" ? world.own : world.other)[role as Role];
      const before = await databaseFingerprint(world.api.services);
      const recordsBefore = await auditCount(world.api.services);

      const result = await world.api.run(documentFor(name), { input }, actor);

      const allowed = scope === "own agency" && [mutation.allowed].flat().includes(role as Role);
      if (allowed) {
        expect(result.errors).toBeUndefined();
        expect(result.data[name].userErrors).toEqual([]);
        expect(await databaseFingerprint(world.api.services)).not.toBe(before);
        expect(await auditCount(world.api.services)).toBe(recordsBefore + 1);
        return;
      }
      if (scope === "anonymous") {
        expect(result.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
      } else {
        expect(result.errors).toBeUndefined();
        expect(result.data[name].userErrors.length).toBeGreaterThan(0);
        expect(["FORBIDDEN", "NOT_FOUND", "STEP_NOT_ALLOWED"]).toContain(result.data[name].userErrors[0].code);
      }
      expect(await databaseFingerprint(world.api.services)).toBe(before);
    } finally {
      await world.api.close();
    }
  });
});

describe("authorization coverage", () => {
  it("has a matrix case for every mutation of the schema, so a new mutation cannot skip its checks", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports -- loaded late on purpose
    const { buildGongkaiSchema } = require("../../src/server/build-schema") as typeof import("../../src/server/build-schema");
    const mutations = Object.keys(buildGongkaiSchema().getMutationType()!.getFields()).sort();
    expect(CASES.map(c => c.name).sort()).toEqual(mutations);
  });
});
