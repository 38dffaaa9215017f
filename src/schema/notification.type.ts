import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Connection } from "./connection.type";
import { InboxKind } from "./live.type";
import { UserError } from "./user-error.type";
import { WorkflowAction } from "./workflow.type";

@ObjectType({ description: "Something that concerns the signed-in user: a report waiting for their step, or their report's rejection or publication." })
export class Notification {
  @Field(_type => ID)
  id!: string;

  @Field(_type => Int, { description: "The audit record it was derived from." })
  seq!: number;

  @Field(_type => ID)
  reportId!: string;

  @Field(_type => InboxKind)
  kind!: InboxKind;

  @Field({ description: "The kind in Chinese, for display (待您处理, 已退回修改, 逾期未发布, …)." })
  kindLabel!: string;

  @Field(_type => WorkflowAction, { nullable: true, description: "For WAITING: the step you may take next." })
  action!: WorkflowAction | null;

  @Field(_type => String, { nullable: true })
  reason!: string | null;

  @Field({ description: "Who took the step." })
  by!: string;

  @Field(_type => Date)
  at!: Date;

  @Field(_type => Date, { nullable: true, description: "When it was marked read; null while unread." })
  readAt!: Date | null;
}

@ObjectType({ description: "The signed-in user's notifications, newest first." })
export class NotificationConnection extends Connection(Notification, "Notification") {
  @Field(_type => Int, { description: "How many are unread (the inbox badge)." })
  unreadCount!: number;
}

@InputType()
export class NotificationMarkReadInput {
  @Field(_type => [ID], { nullable: true, description: "The notifications to mark read; omit (with all: true) to mark every one." })
  ids?: string[] | null;

  @Field({ nullable: true, defaultValue: false })
  all?: boolean;
}

@ObjectType()
export class NotificationMarkReadPayload {
  @Field(_type => Int, { nullable: true, description: "Unread notifications left." })
  unreadCount!: number | null;

  @Field(_type => [UserError])
  userErrors!: UserError[];
}
