import { AcknowledgementResolver } from "./acknowledgement.resolver";
import { AgencyResolver } from "./agency.resolver";
import { AuditEventResolver, WorkflowStepResolver } from "./audit-event.resolver";
import { AuditResolver } from "./audit.resolver";
import { DeliveryResolver } from "./delivery.resolver";
import { FormatResolver } from "./format.resolver";
import { LiveResolver } from "./live.resolver";
import { NodeResolver } from "./node.resolver";
import { NotificationResolver } from "./notification.resolver";
import { ReportChannelsResolver } from "./report-channels.resolver";
import { ReportMutationResolver } from "./report-mutation.resolver";
import { ReportResolver } from "./report.resolver";
import { StatisticsResolver } from "./statistics.resolver";
import { UserResolver } from "./user.resolver";
import { WorkflowStatusResolver } from "./workflow-status.resolver";
import { WorkflowResolver } from "./workflow.resolver";

export type { GraphQLContext } from "./context";

export const resolvers = [
  FormatResolver,
  NodeResolver,
  AgencyResolver,
  ReportResolver,
  ReportMutationResolver,
  ReportChannelsResolver,
  WorkflowResolver,
  WorkflowStatusResolver,
  UserResolver,
  AuditResolver,
  AuditEventResolver,
  WorkflowStepResolver,
  StatisticsResolver,
  AcknowledgementResolver,
  LiveResolver,
  NotificationResolver,
  DeliveryResolver,
] as const;
