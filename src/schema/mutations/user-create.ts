import { Field, InputType, ObjectType } from "type-graphql";
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

@InputType({ description: "ADMIN: the new roles of a user of your agency (replacing the old ones)." })
export class UserRolesSetInput {
  @Field()
  name!: string;

  @Field(_type => [Role])
  roles!: Role[];
}

@InputType({ description: "A user to deactivate (their tokens stop working at once)." })
export class UserDeactivateInput {
  @Field()
  name!: string;
}

@InputType({ description: "ADMIN: a new password for a user of your agency; they must change it at their next sign-in." })
export class UserPasswordResetInput {
  @Field()
  name!: string;

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
