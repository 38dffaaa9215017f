import { ANONYMOUS } from "../../src/services";
import type { Actor } from "../../src/services";
import { ROLES } from "../../src/workflow";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { createTeam } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

const OWN_SECRET = "an-admins-own-secret-0123456789";
const SMTP_PASSWORD = "smtp-password-never-shown";
const LIST = "{ webhookEndpoints { id url secretHint active deliveries { id payload } } }";
const SMTP = "{ smtpConfig { host port secure username passwordSet from } }";
const ADD =
  "mutation($url: String!, $secret: String) { webhookEndpointAdd(input: { url: $url, secret: $secret }) { secret endpoint { id } userErrors { code field } } }";
const REMOVE = "mutation($id: ID!) { webhookEndpointRemove(input: { id: $id }) { changed userErrors { code } } }";
const ENABLE = "mutation($id: ID!) { webhookEndpointEnable(input: { id: $id }) { changed userErrors { code } } }";
const SET_SMTP = `mutation($password: String) { smtpConfigSet(input: { host: "mail.example.gov.cn", port: 25, username: "gongkai", password: $password, from: "gongkai@example.gov.cn" }) {
  smtpConfig { host passwordSet } userErrors { code } } }`;
const EMAIL = "mutation($name: String!, $email: String) { userEmailSet(input: { name: $name, email: $email }) { email userErrors { code field } } }";

describe("who sees and changes outbound delivery settings", () => {
  let api: TestApi;
  let a: Team;
  let b: Team;
  let endpointId: string;

  beforeAll(async () => {
    api = await openTestApi();
    a = await createTeam(api.services, "DA");
    b = await createTeam(api.services, "DB");
    const added = await api.run(ADD, { url: "https://oa.example.gov.cn/hooks", secret: OWN_SECRET }, a.ADMIN);
    expect(added.data.webhookEndpointAdd).toMatchObject({ secret: OWN_SECRET, userErrors: [] });
    endpointId = added.data.webhookEndpointAdd.endpoint.id;
    expect((await api.run(SET_SMTP, { password: SMTP_PASSWORD }, a.ADMIN)).data.smtpConfigSet).toEqual({
      smtpConfig: { host: "mail.example.gov.cn", passwordSet: true },
      userErrors: [],
    });
  });

  afterAll(() => api.close());

  const codeOf = (result: { errors?: readonly any[] }) => result.errors?.[0]?.extensions?.code;

  it("shows the agency's ADMIN its endpoints and mail server, never the secret or the password", async () => {
    const list = await api.run(LIST, {}, a.ADMIN);
    expect(list.data.webhookEndpoints).toEqual([{ id: endpointId, url: "https://oa.example.gov.cn/hooks", secretHint: "…6789", active: true, deliveries: [] }]);
    expect((await api.run(SMTP, {}, a.ADMIN)).data.smtpConfig).toEqual({
      host: "mail.example.gov.cn",
      port: 25,
      secure: false,
      username: "gongkai",
      passwordSet: true,
      from: "gongkai@example.gov.cn",
    });
    // Nor does the audit trail keep them: it records that they were set, not what they are.
    const audit = JSON.stringify(await api.services.db.read(manager => manager.query("SELECT action, diff FROM audit_event")));
    expect(audit).toContain("webhook.endpoint.add");
    expect(audit).toContain("smtp.config.set");
    expect(audit).not.toContain(OWN_SECRET);
    expect(audit).not.toContain(SMTP_PASSWORD);
    // And node() does not answer for an endpoint.
    expect((await api.run("query($id: ID!) { node(id: $id) { id } }", { id: endpointId }, a.ADMIN)).data).toEqual({ node: null });
  });

  it("refuses anonymous callers", async () => {
    for (const query of [LIST, SMTP]) expect(codeOf(await api.run(query, {}, ANONYMOUS))).toBe("UNAUTHENTICATED");
    expect(codeOf(await api.run(ADD, { url: "https://x.example/h" }, ANONYMOUS))).toBe("UNAUTHENTICATED");
    expect(codeOf(await api.run(REMOVE, { id: endpointId }, ANONYMOUS))).toBe("UNAUTHENTICATED");
  });

  it.each(ROLES.filter(role => role !== "ADMIN"))("refuses the agency's %s: FORBIDDEN to read or change", async role => {
    const actor: Actor = a[role];
    expect(codeOf(await api.run(LIST, {}, actor))).toBe("FORBIDDEN");
    expect(codeOf(await api.run(SMTP, {}, actor))).toBe("FORBIDDEN");
    expect((await api.run(ADD, { url: "https://x.example/h" }, actor)).data.webhookEndpointAdd.userErrors).toEqual([{ code: "FORBIDDEN", field: null }]);
    expect((await api.run(REMOVE, { id: endpointId }, actor)).data.webhookEndpointRemove).toEqual({ changed: false, userErrors: [{ code: "FORBIDDEN" }] });
    expect((await api.run(SET_SMTP, { password: "x" }, actor)).data.smtpConfigSet.userErrors).toEqual([{ code: "FORBIDDEN" }]);
  });

  it("shows another agency's ADMIN nothing of it, and lets it change nothing", async () => {
    expect((await api.run(LIST, {}, b.ADMIN)).data.webhookEndpoints).toEqual([]);
    expect((await api.run(SMTP, {}, b.ADMIN)).data.smtpConfig).toBeNull();
    expect((await api.run(REMOVE, { id: endpointId }, b.ADMIN)).data.webhookEndpointRemove.userErrors).toEqual([{ code: "NOT_FOUND" }]);
    expect((await api.run(ENABLE, { id: endpointId }, b.ADMIN)).data.webhookEndpointEnable.userErrors).toEqual([{ code: "NOT_FOUND" }]);
    expect((await api.run(EMAIL, { name: a.DRAFTER.name, email: "x@example.gov.cn" }, b.ADMIN)).data.userEmailSet.userErrors).toEqual([
      { code: "NOT_FOUND", field: ["input", "name"] },
    ]);
    expect((await api.run(LIST, {}, a.ADMIN)).data.webhookEndpoints).toHaveLength(1);
  });

  it("lets users set their own e-mail address, and an ADMIN its users'; nobody else's", async () => {
    expect((await api.run(EMAIL, { name: a.DRAFTER.name, email: "drafter@example.gov.cn" }, a.DRAFTER)).data.userEmailSet).toEqual({
      email: "drafter@example.gov.cn",
      userErrors: [],
    });
    expect((await api.run(EMAIL, { name: a.LEADER.name, email: "leader@example.gov.cn" }, a.DRAFTER)).data.userEmailSet.userErrors).toEqual([
      { code: "FORBIDDEN", field: null },
    ]);
    expect((await api.run(EMAIL, { name: a.LEADER.name, email: "leader@example.gov.cn" }, a.ADMIN)).data.userEmailSet).toEqual({
      email: "leader@example.gov.cn",
      userErrors: [],
    });
    expect((await api.run(EMAIL, { name: a.LEADER.name, email: "not an address" }, a.ADMIN)).data.userEmailSet.userErrors).toEqual([
      { code: "INVALID_INPUT", field: ["input", "email"] },
    ]);
  });

  it("refuses bad input with a userError and writes nothing", async () => {
    const bad = [
      [{ url: "ftp://oa.example.gov.cn/hooks" }, ["input", "url"]],
      [{ url: "not a url" }, ["input", "url"]],
      [{ url: "https://oa.example.gov.cn/h", secret: "short" }, ["input", "secret"]],
    ] as const;
    for (const [variables, field] of bad) {
      expect((await api.run(ADD, variables, a.ADMIN)).data.webhookEndpointAdd).toEqual({
        secret: null,
        endpoint: null,
        userErrors: [{ code: "INVALID_INPUT", field }],
      });
    }
    expect((await api.run(LIST, {}, a.ADMIN)).data.webhookEndpoints).toHaveLength(1);
  });

  it("lets the ADMIN remove the endpoint; it is gone", async () => {
    expect((await api.run(REMOVE, { id: endpointId }, a.ADMIN)).data.webhookEndpointRemove).toEqual({ changed: true, userErrors: [] });
    expect((await api.run(LIST, {}, a.ADMIN)).data.webhookEndpoints).toEqual([]);
    expect((await api.run(REMOVE, { id: endpointId }, a.ADMIN)).data.webhookEndpointRemove.userErrors).toEqual([{ code: "NOT_FOUND" }]);
  });
});
