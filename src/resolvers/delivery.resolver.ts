import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { DeliveryRow } from "../live/delivery-store";
import {
  SmtpConfig,
  SmtpConfigPayload,
  SmtpConfigSetInput,
  UserEmailSetInput,
  UserEmailSetPayload,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointAddInput,
  WebhookEndpointAddPayload,
  WebhookEndpointIdInput,
  WebhookEndpointPayload,
} from "../schema/delivery.type";
import type { DeliveryStatus } from "../schema/delivery.type";
import { toGlobalId } from "../schema/node-id";
import type { WebhookEndpointRow } from "../services/delivery.service";
import { UserErrorCode, problem } from "../services/errors";
import type { GraphQLContext } from "./context";
import { requireId, userRefOf, withUserErrors } from "./payload";

function toEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  const { agencyId: _agency, id, ...rest } = row;
  return { ...rest, id: toGlobalId("WebhookEndpoint", id), databaseId: id };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: toGlobalId("WebhookDelivery", row.id),
    seq: row.seq,
    event: row.event,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    responseCode: row.responseCode,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
    payload: row.body,
  };
}

const endpointId = (id: string) => requireId("WebhookEndpoint", id, ["input", "id"]);

/** Outbound delivery settings: webhook endpoints and their delivery log, the mail server, e-mail addresses. */
@Resolver(_of => WebhookEndpoint)
export class DeliveryResolver {
  @Query(_returns => [WebhookEndpoint], { description: "ADMIN: your agency's webhook endpoints (FORBIDDEN for other roles)." })
  async webhookEndpoints(@Ctx() { services, actor }: GraphQLContext): Promise<WebhookEndpoint[]> {
    return (await services.delivery.endpoints(actor)).map(toEndpoint);
  }

  @FieldResolver(_returns => [WebhookDelivery], { description: "The endpoint's deliveries, newest first: attempts, status, response code, next retry." })
  async deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Ctx() { services, actor }: GraphQLContext,
    @Arg("first", _type => Int, { defaultValue: 20, description: "How many, 1–100." }) first: number,
  ): Promise<WebhookDelivery[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw problem(UserErrorCode.INVALID_INPUT, "first must be between 1 and 100.", ["first"]);
    return (await services.delivery.deliveries(actor, endpoint.databaseId, first)).map(toDelivery);
  }

  @Query(_returns => SmtpConfig, { nullable: true, description: "ADMIN: your agency's mail server settings; null when none are set (no e-mail is sent)." })
  smtpConfig(@Ctx() { services, actor }: GraphQLContext): Promise<SmtpConfig | null> {
    return services.delivery.smtp(actor);
  }

  @Mutation(_returns => WebhookEndpointAddPayload, { description: "ADMIN: add a webhook endpoint; the signing secret is returned this once." })
  async webhookEndpointAdd(
    @Arg("input", _type => WebhookEndpointAddInput) input: WebhookEndpointAddInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<WebhookEndpointAddPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.delivery.addEndpoint(actor, input));
    return { endpoint: value && toEndpoint(value.endpoint), secret: value?.secret ?? null, userErrors };
  }

  @Mutation(_returns => WebhookEndpointPayload, { description: "ADMIN: remove a webhook endpoint; deliveries still waiting for it are cancelled." })
  async webhookEndpointRemove(
    @Arg("input", _type => WebhookEndpointIdInput) input: WebhookEndpointIdInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<WebhookEndpointPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.delivery.removeEndpoint(actor, endpointId(input.id)));
    return { endpoint: value && toEndpoint(value), changed: value !== null, userErrors };
  }

  @Mutation(_returns => WebhookEndpointPayload, { description: "ADMIN: enable again an endpoint disabled after failures (steps from now on are sent)." })
  async webhookEndpointEnable(
    @Arg("input", _type => WebhookEndpointIdInput) input: WebhookEndpointIdInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<WebhookEndpointPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.delivery.enableEndpoint(actor, endpointId(input.id)));
    return { endpoint: value && toEndpoint(value.endpoint), changed: value?.changed ?? false, userErrors };
  }

  @Mutation(_returns => SmtpConfigPayload, { description: "ADMIN: set your agency's mail server for notification e-mail." })
  async smtpConfigSet(
    @Arg("input", _type => SmtpConfigSetInput) input: SmtpConfigSetInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<SmtpConfigPayload> {
    const { value, userErrors } = await withUserErrors(actor, async () => {
      await services.delivery.setSmtp(actor, { ...input, username: input.username ?? null, password: input.password ?? null });
      return services.delivery.smtp(actor);
    });
    return { smtpConfig: value, userErrors };
  }

  @Mutation(_returns => UserEmailSetPayload, { description: "Set the e-mail address notifications are sent to: your own, or (ADMIN) a user's of your agency." })
  async userEmailSet(
    @Arg("input", _type => UserEmailSetInput) input: UserEmailSetInput,
    @Ctx() { services, actor }: GraphQLContext,
  ): Promise<UserEmailSetPayload> {
    const { value, userErrors } = await withUserErrors(actor, () => services.delivery.setEmail(actor, userRefOf(input), input.email));
    return { email: value?.email ?? null, userErrors };
  }
}
