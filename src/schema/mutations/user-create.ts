import { Field, ID, InputType, ObjectType } from "type-graphql";
import { UserError } from "../user-error.type";
import { User } from "../viewer.type";
import { Role } from "../workflow.type";

@InputType({ description: "A new user of the ADMIN's agency." })
export class UserCreateInput {
  @Field()
  name!: string;

  @Field(_type => [Role])
  roles!: Role[];
}

@InputType({ description: "Which user: userId (a User's global id), or the deprecated name; exactly one of the two." })
export abstract class UserReferenceInput {
  @Field(_type => ID, { nullable: true, description: "The user's global id (User.id, from users or user(id)). Give this or name, not both." })
  userId?: string | null;

  // Note: each input declares name itself: type-graphql drops an inherited input field's deprecation.
  abstract name?: string | null;
}

/** The deprecated alternative to userId, the same in every user mutation's input. */
export const DEPRECATED_USER_NAME = {
  nullable: true,
  description: "The user's login name. Give this or userId, not both.",
  deprecationReason: "Use userId (the User's global id).",
} as const;

@InputType({ description: "ADMIN: the new roles of a user of your agency (replacing the old ones)." })
export class UserRolesSetInput extends UserReferenceInput {
  @Field(_type => String, DEPRECATED_USER_NAME)
  name?: string | null;

  @Field(_type => [Role])
  roles!: Role[];
}

@InputType({ description: "A user to deactivate (their tokens stop working at once)." })
export class UserDeactivateInput extends UserReferenceInput {
  @Field(_type => String, DEPRECATED_USER_NAME)
  name?: string | null;
}

@InputType({ description: "ADMIN: a new password for a user of your agency; they must change it at their next sign-in." })
export class UserPasswordResetInput extends UserReferenceInput {
  @Field(_type => String, DEPRECATED_USER_NAME)
  name?: string | null;

  @Field({ description: "8 to 200 characters; temporary." })
  password!: string;
}

@ObjectType()
export class UserPayload {
  @Field(_type => User, { nullable: true })
  user!: User | null;

  @Field({
    description:
      "true when the user was created or changed; false when nothing needed to change (e.g. deactivating a user who is already inactive: no audit record) or when userErrors stopped it.",
  })
  changed!: boolean;

  @Field(_type => [UserError])
  userErrors!: UserError[];
}
