import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { connectionOf } from "../schema/connection.type";
import { toAgency } from "../schema/mappers/report.mapper";
import { toUser } from "../schema/mappers/user.mapper";
import { UserCreateInput, UserDeactivateInput, UserPasswordResetInput, UserPayload, UserRolesSetInput } from "../schema/mutations/user-create";
import { fromGlobalId, toGlobalId } from "../schema/node-id";
import { User, UserConnection, Viewer } from "../schema/viewer.type";
import type { Role } from "../schema/workflow.type";
import { MAX_ID_PAGE } from "../services/id-pages";
import { visibleUsers } from "../services/user-reads";
import type { GraphQLContext } from "./context";
import { afterId, userRefOf, withUserErrors } from "./payload";

@Resolver()
export class UserResolver {
  @Query(_returns => Viewer, { nullable: true, description: "The signed-in user; null for anonymous requests." })
  async viewer(@Ctx() { actor, loaders }: GraphQLContext): Promise<Viewer | null> {
    if (actor.kind !== "user") return null;
    const agency = await loaders.agency.load(actor.agencyId);
    return { name: actor.name, agency: toAgency(agency!), roles: [...actor.roles] as Role[] };
  }

  @Query(_returns => User, {
    nullable: true,
    description: "The user with this id, or null when there is none or you may not see them (only your agency's users, or an AUDITOR's agencies').",
  })
  async user(
    @Arg("id", _type => ID, { description: "A user's global id (User.id)." }) id: string,
    @Ctx() { services, scope }: GraphQLContext,
  ): Promise<User | null> {
    const dbId = fromGlobalId("User", id);
    const entity = dbId === null ? null : await visibleUsers(services.db, scope).load(dbId);
    return entity ? toUser(entity) : null;
  }

  @Query(_returns => UserConnection, { description: "ADMIN: the users of your agency in creation order (FORBIDDEN for other roles)." })
  async users(
    @Ctx() { services, actor }: GraphQLContext,
    @Arg("first", _type => Int, { defaultValue: 100, description: `How many users to return (1–${MAX_ID_PAGE}).` }) first: number,
    @Arg("after", _type => String, { nullable: true, description: "Return users after this cursor (a previous page's endCursor)." })
    after: string | null,
  ): Promise<UserConnection> {
    const page = await services.users.pageOfAgency(actor, first, afterId("User", after));
    return connectionOf(page, toUser, user => toGlobalId("User", user.id), after);
  }

  @Mutation(_returns => UserPayload, { description: "ADMIN: add a user to your agency." })
  async userCreate(@Arg("input", _type => UserCreateInput) input: UserCreateInput, @Ctx() { services, actor }: GraphQLContext): Promise<UserPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.users.create(actor, { ...input, agencyCode: null }));
    return { user: value && toUser(value), changed: value !== null, userErrors };
  }

  @Mutation(_returns => UserPayload, {
    description: "ADMIN: deactivate a user of your agency; their tokens stop working. An inactive user stays so: changed is false, nothing is recorded.",
  })
  async userDeactivate(
    @Arg("input", _type => UserDeactivateInput) input: UserDeactivateInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<UserPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.users.setActive(actor, userRefOf(input), false));
    return { user: value && toUser(value.user), changed: value?.changed ?? false, userErrors };
  }

  @Mutation(_returns => UserPayload, {
    description: "ADMIN: set a temporary password for a user of your agency (changed at their next sign-in); their sessions end.",
  })
  async userPasswordReset(
    @Arg("input", _type => UserPasswordResetInput) input: UserPasswordResetInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<UserPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.signIn.setPassword(actor, userRefOf(input), input.password, true));
    // Note: a reset always changes something: a new temporary password, and the user's sessions end.
    return { user: value && toUser(value), changed: value !== null, userErrors };
  }

  @Mutation(_returns => UserPayload, { description: "ADMIN: replace the roles of a user of your agency." })
  async userRolesSet(@Arg("input", _type => UserRolesSetInput) input: UserRolesSetInput, @Ctx() { services, actor }: GraphQLContext): Promise<UserPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.users.setRoles(actor, userRefOf(input), input.roles));
    return { user: value && toUser(value.user), changed: value?.changed ?? false, userErrors };
  }
}
