import { Field, ObjectType } from "type-graphql";
import { Agency } from "./agency.type";
import { Role } from "./workflow.type";

@ObjectType({ description: "The signed-in user." })
export class Viewer {
  @Field()
  name!: string;

  @Field(_type => Agency)
  agency!: Agency;

  @Field(_type => [Role], { description: "Roles in `agency`." })
  roles!: Role[];
}

@ObjectType({ description: "A user of an agency (visible to its ADMIN)." })
export class User {
  @Field()
  name!: string;

  @Field(_type => [Role])
  roles!: Role[];

  @Field()
  active!: boolean;
}
