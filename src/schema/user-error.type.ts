import { Field, ObjectType } from "type-graphql";
import { UserErrorCode } from "./enums";

@ObjectType({ description: "A problem with the input that the user can fix; nothing was changed." })
export class UserError {
  @Field(_type => UserErrorCode, { description: "Stable code to switch on." })
  code!: UserErrorCode;

  @Field({ description: "What went wrong and what to do about it." })
  message!: string;

  @Field(_type => [String], { nullable: true, description: "Path to the input field at fault." })
  field?: string[] | null;
}
