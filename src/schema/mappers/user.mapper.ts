import type { UserEntity } from "../../entities";
import { roleList } from "../../services/user.service";
import { toGlobalId } from "../node-id";
import { User } from "../viewer.type";

/** A class instance, so that the Node interface resolves it (node, nodes). */
export function toUser(user: UserEntity): User {
  return Object.assign(new User(), {
    id: toGlobalId("User", user.id),
    name: user.name,
    roles: roleList(user),
    active: user.active,
  });
}
