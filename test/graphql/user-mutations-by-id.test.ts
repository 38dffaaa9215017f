import { toGlobalId } from "../../src/schema/node-id";
import { ANONYMOUS } from "../../src/services";
import type { Actor } from "../../src/services";
import { roleList } from "../../src/services/user.service";
import { openTestApi } from "../support/test-services";
import type { TestApi } from "../support/test-services";
import { auditCount, createTeam } from "../support/workflow-fixture";
import type { Team } from "../support/workflow-fixture";

let api: TestApi;
let own: Team;
let other: Team;

beforeAll(async () => {
  api = await openTestApi();
  own = await createTeam(api.services, "uid");
  other = await createTeam(api.services, "uid-other");
});

afterAll(() => api.close());

const ROLES_SET = `mutation($input: UserRolesSetInput!) { userRolesSet(input: $input) { user { id name roles } changed userErrors { code field message } } }`;
const DEACTIVATE = `mutation($input: UserDeactivateInput!) { userDeactivate(input: $input) { user { id active } changed userErrors { code field message } } }`;
const PASSWORD = `mutation($input: UserPasswordResetInput!) { userPasswordReset(input: $input) { user { id } changed userErrors { code field message } } }`;
const EMAIL = `mutation($input: UserEmailSetInput!) { userEmailSet(input: $input) { email userErrors { code field message } } }`;

/** Each user mutation, with the input it needs besides the user, and the payload field it answers in. */
const MUTATIONS = [
  ["userRolesSet", ROLES_SET, { roles: ["DRAFTER", "LEADER"] }],
  ["userDeactivate", DEACTIVATE, {}],
  ["userPasswordReset", PASSWORD, { password: "a-temporary-password-1" }],
  ["userEmailSet", EMAIL, { email: "someone@example.gov.cn" }],
] as const;

async function newUser(name: string) {
  return api.services.users.create(own.ADMIN, { name, agencyCode: null, roles: ["DRAFTER"] });
}

/** What the user mutations change, as stored now. */
async function stateOf(name: string) {
  const user = (await api.services.users.findByName(name))!;
  const { active, email, passwordHash, passwordTemporary } = user;
  return { active, roles: roleList(user), email, passwordHash, passwordTemporary };
}

/** Whether the user was changed the way the mutation asks. */
async function expectChanged(mutation: (typeof MUTATIONS)[number][0], name: string) {
  const stored = await stateOf(name);
  if (mutation === "userRolesSet") expect(stored.roles).toEqual(["DRAFTER", "LEADER"]);
  if (mutation === "userDeactivate") expect(stored.active).toBe(false);
  if (mutation === "userPasswordReset") expect(stored).toMatchObject({ passwordTemporary: true, passwordHash: expect.any(String) });
  if (mutation === "userEmailSet") expect(stored.email).toBe("someone@example.gov.cn");
}

async function send(query: string, input: Record<string, unknown>, actor: Actor = own.ADMIN) {
  const result = await api.run(query, { input }, actor);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data as Record<string, { userErrors: Array<{ code: string; field: string[] }> }>)[0];
}

describe("user mutations name the user by userId (name deprecated)", () => {
  it.each(MUTATIONS)("%s changes the user with this global id", async (mutation, query, extra) => {
    const user = await newUser(`uid-${mutation}`);
    const payload = await send(query, { userId: toGlobalId("User", user.id), ...extra });
    expect(payload.userErrors).toEqual([]);
    await expectChanged(mutation, user.name);
  });

  it.each(MUTATIONS)("%s still takes the deprecated name", async (mutation, query, extra) => {
    const user = await newUser(`uname-${mutation}`);
    const payload = await send(query, { name: user.name, ...extra });
    expect(payload.userErrors).toEqual([]);
    await expectChanged(mutation, user.name);
  });

  it.each(MUTATIONS)("%s refuses both userId and name, or neither, with INVALID_INPUT and writes nothing", async (mutation, query, extra) => {
    const user = await newUser(`uboth-${mutation}`);
    const [before, stateBefore] = [await auditCount(api.services), await stateOf(user.name)];
    for (const who of [{ userId: toGlobalId("User", user.id), name: user.name }, {}]) {
      const payload = await send(query, { ...who, ...extra });
      expect(payload.userErrors).toEqual([{ code: "INVALID_INPUT", field: ["input", "userId"], message: expect.stringContaining("userId") }]);
    }
    expect(await auditCount(api.services)).toBe(before);
    expect(await stateOf(user.name)).toEqual(stateBefore);
  });

  it.each(MUTATIONS)("%s answers NOT_FOUND for another agency's user, a non-user id or an id past the column", async (_mutation, query, extra) => {
    const [before, otherBefore] = [await auditCount(api.services), await stateOf(other.DRAFTER.name)];
    const ids = [toGlobalId("User", other.DRAFTER.userId), toGlobalId("Report", own.DRAFTER.userId), toGlobalId("User", 2 ** 40)];
    for (const userId of ids) {
      const payload = await send(query, { userId, ...extra });
      expect(payload.userErrors).toEqual([{ code: "NOT_FOUND", field: ["input", "userId"], message: expect.any(String) }]);
    }
    expect(await auditCount(api.services)).toBe(before);
    expect(await stateOf(other.DRAFTER.name)).toEqual(otherBefore);
  });

  it("asks an anonymous caller to sign in before anything else", async () => {
    const result = await api.run(DEACTIVATE, { input: { userId: toGlobalId("User", own.DRAFTER.userId) } }, ANONYMOUS);
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await api.services.users.findByName(own.DRAFTER.name))!.active).toBe(true);
  });
});
