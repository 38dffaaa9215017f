import { Field, ID, ObjectType } from "type-graphql";
import { Agency } from "./agency.type";
import { Connection } from "./connection.type";
import { Node } from "./node.type";
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

@ObjectType({
  implements: Node,
  description: "A user of an agency, visible to the users of that agency and an AUDITOR of a supervising office.",
})
export class User implements Node {
  @Field(_type => ID, { description: "Global id: pass it to user(id), node(id) or AuditEventFilter.actorId." })
  id!: string;

  @Field()
  name!: string;

  @Field(_type => [Role])
  roles!: Role[];

  @Field()
  active!: boolean;
}

@ObjectType({ description: "A page of users, in creation order." })
export class UserConnection extends Connection(User, "User") {}
