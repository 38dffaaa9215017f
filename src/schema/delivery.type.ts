import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DEPRECATED_USER_NAME, UserReferenceInput } from "./mutations/user-create";
import { UserError } from "./user-error.type";

export enum DeliveryStatus {
  PENDING = "PENDING",
  DELIVERED = "DELIVERED",
  FAILED = "FAILED",
  CANCELLED = "CANCELLED",
}

registerEnumType(DeliveryStatus, {
  name: "DeliveryStatus",
  description: "Where a webhook delivery stands.",
  valuesConfig: {
    PENDING: { description: "Not yet delivered: sent (again) at nextAttemptAt." },
    DELIVERED: { description: "The endpoint answered 2xx." },
    FAILED: { description: "Every attempt failed; no more are made." },
    CANCELLED: { description: "Its endpoint was disabled or removed before it was delivered." },
  },
});

@ObjectType({ description: "One workflow step or reminder sent (or to be sent) to a webhook endpoint: the delivery log an ADMIN reads." })
export class WebhookDelivery {
  @Field(_type => ID, { description: "The delivery's id, also sent as the gongkai-delivery-id header (the same on every retry)." })
  id!: string;

  @Field(_type => Int, { description: "The audit record the delivery was derived from." })
  seq!: number;

  @Field({ description: "The audit action, e.g. report.workflow.submit or report.reminder." })
  event!: string;

  @Field(_type => DeliveryStatus, { description: "Delivered, waiting for a retry, failed or cancelled." })
  status!: DeliveryStatus;

  @Field(_type => Int, { description: "Attempts made so far." })
  attempts!: number;

  @Field(_type => Int, { nullable: true, description: "The HTTP status of the last attempt; null when there was no answer (timeout, refused)." })
  responseCode!: number | null;

  @Field(_type => String, { nullable: true, description: "Why the last attempt failed; null after a success." })
  lastError!: string | null;

  @Field(_type => String, { nullable: true, description: "When the next attempt is made (ISO 8601 UTC); null when none is." })
  nextAttemptAt!: string | null;

  @Field(_type => String, { nullable: true, description: "When the endpoint accepted it." })
  deliveredAt!: string | null;

  @Field({ description: "When it was derived from the audit record." })
  createdAt!: string;

  @Field({ description: "The exact JSON body sent (and signed)." })
  payload!: string;
}

@ObjectType({ description: "A URL of your agency's that receives each workflow step as a signed JSON POST (ADMIN only)." })
export class WebhookEndpoint {
  @Field(_type => ID, { description: "The endpoint's id." })
  id!: string;

  @Field({ description: "Where deliveries are POSTed." })
  url!: string;

  @Field({ description: "The secret's last four characters; the secret itself is shown once, when the endpoint is added." })
  secretHint!: string;

  @Field({ description: "False after disableAfter consecutive failed attempts (or never enabled again); nothing is sent while false." })
  active!: boolean;

  @Field(_type => Int, { description: "Failed attempts since the last success." })
  consecutiveFailures!: number;

  @Field(_type => String, { nullable: true, description: "When it was disabled after failures; null while active." })
  disabledAt!: string | null;

  @Field({ description: "When it was added." })
  createdAt!: string;

  /** The database id, for the deliveries field. */
  databaseId!: number;
}

@InputType({ description: "A webhook endpoint to add to your agency." })
export class WebhookEndpointAddInput {
  @Field({ description: "An http:// or https:// URL of at most 500 characters." })
  url!: string;

  @Field(_type => String, { nullable: true, description: "A secret of 24–200 characters to sign with; omit it to have one generated (returned once)." })
  secret?: string | null;
}

@InputType({ description: "Names one of your agency's webhook endpoints." })
export class WebhookEndpointIdInput {
  @Field(_type => ID, { description: "The endpoint's id, from webhookEndpoints." })
  id!: string;
}

@ObjectType({ description: "The result of webhookEndpointAdd." })
export class WebhookEndpointAddPayload {
  @Field(_type => WebhookEndpoint, { nullable: true, description: "The endpoint added; null when userErrors is not empty." })
  endpoint!: WebhookEndpoint | null;

  @Field(_type => String, { nullable: true, description: "The signing secret — shown this once; store it in the receiver." })
  secret!: string | null;

  @Field(_type => [UserError], { description: "Why nothing was added; empty on success." })
  userErrors!: UserError[];
}

@ObjectType({ description: "The result of removing or enabling a webhook endpoint." })
export class WebhookEndpointPayload {
  @Field(_type => WebhookEndpoint, { nullable: true, description: "The endpoint as it is now (as it was, when removed); null when userErrors is not empty." })
  endpoint!: WebhookEndpoint | null;

  @Field({ description: "Whether anything changed (enabling an active endpoint changes nothing)." })
  changed!: boolean;

  @Field(_type => [UserError], { description: "Why nothing changed; empty on success." })
  userErrors!: UserError[];
}

@ObjectType({ description: "Your agency's mail server for notification e-mail (ADMIN only); the password is never shown." })
export class SmtpConfig {
  @Field({ description: "The mail server's host name." })
  host!: string;

  @Field(_type => Int, { description: "Its port (25, 465 or 587)." })
  port!: number;

  @Field({ description: "True: TLS from the start (port 465); false: STARTTLS when the server offers it." })
  secure!: boolean;

  @Field(_type => String, { nullable: true, description: "The user name to authenticate as; null: no authentication." })
  username!: string | null;

  @Field({ description: "Whether a password is stored." })
  passwordSet!: boolean;

  @Field({ description: "The sender address." })
  from!: string;
}

@InputType({ description: "Your agency's mail server settings." })
export class SmtpConfigSetInput {
  @Field({ description: "The mail server's host name." })
  host!: string;

  @Field(_type => Int, { description: "Its port (25, 465 or 587)." })
  port!: number;

  @Field({ defaultValue: false, description: "True: TLS from the start (port 465); false: STARTTLS when offered." })
  secure!: boolean;

  @Field(_type => String, { nullable: true, description: "The user name to authenticate as; omit for none." })
  username?: string | null;

  @Field(_type => String, { nullable: true, description: "The password; omit to keep the one stored." })
  password?: string | null;

  @Field({ description: "The sender address, e.g. gongkai@example.gov.cn." })
  from!: string;
}

@ObjectType({ description: "The result of smtpConfigSet." })
export class SmtpConfigPayload {
  @Field(_type => SmtpConfig, { nullable: true, description: "The settings now stored; null when userErrors is not empty." })
  smtpConfig!: SmtpConfig | null;

  @Field(_type => [UserError], { description: "Why nothing was stored; empty on success." })
  userErrors!: UserError[];
}

@InputType({ description: "A user's e-mail address for notifications." })
export class UserEmailSetInput extends UserReferenceInput {
  @Field(_type => String, DEPRECATED_USER_NAME)
  name?: string | null;

  @Field(_type => String, { nullable: true, description: "The address; null removes it (no more e-mail)." })
  email!: string | null;
}

@ObjectType({ description: "The result of userEmailSet." })
export class UserEmailSetPayload {
  @Field(_type => String, { nullable: true, description: "The address now stored." })
  email!: string | null;

  @Field(_type => [UserError], { description: "Why nothing was stored; empty on success." })
  userErrors!: UserError[];
}
