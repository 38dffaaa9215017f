import { Field, InputType, ObjectType } from "type-graphql";
import { Agency } from "../agency.type";
import { AgencyKindEnum, AgencyLevelEnum } from "../enums";
import { UserError } from "../user-error.type";

@InputType({ description: "A new agency." })
export class AgencyCreateInput {
  @Field(_type => String, {
    nullable: true,
    description:
      "Unique code: letters, digits, '.', '_' or '-' (used in URLs). Omitted: a readable one is derived from the name's pinyin (under the supervising office's code).",
  })
  code?: string | null;

  @Field({ description: "Full name, e.g. 广州市越秀区应急管理局." })
  name!: string;

  @Field(_type => String, { nullable: true, description: "Code of the supervising office, if any." })
  parentCode?: string | null;

  @Field(_type => AgencyKindEnum, {
    nullable: true,
    description: "GOVERNMENT or DEPARTMENT; when omitted, a name ending in 人民政府 is a government and any other a department.",
  })
  kind?: AgencyKindEnum | null;

  @Field(_type => AgencyLevelEnum, { nullable: true, description: "Administrative level, if known." })
  level?: AgencyLevelEnum | null;
}

@ObjectType()
export class AgencyCreatePayload {
  @Field(_type => Agency, { nullable: true })
  agency!: Agency | null;

  @Field(_type => [UserError])
  userErrors!: UserError[];
}
