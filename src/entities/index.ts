import { AgencyEntity } from "./agency.entity";
import { AuditCheckpointEntity } from "./audit-checkpoint.entity";
import { AuditEventEntity } from "./audit-event.entity";
import { AuditSignedCheckpointEntity } from "./audit-signed-checkpoint.entity";
import { ReportCellEntity } from "./report-cell.entity";
import { ReportChannelEntity } from "./report-channel.entity";
import { ReportRevisionEntity } from "./report-revision.entity";
import { ReportSectionEntity } from "./report-section.entity";
import { ReportEntity } from "./report.entity";
import { ScheduledJobEntity } from "./scheduled-job.entity";
import { UserSessionEntity } from "./user-session.entity";
import { UserEntity } from "./user.entity";
import { WarningAcknowledgementEntity } from "./warning-acknowledgement.entity";
import { WorkflowEventEntity } from "./workflow-event.entity";

export {
  AgencyEntity,
  AuditCheckpointEntity,
  AuditEventEntity,
  AuditSignedCheckpointEntity,
  ReportCellEntity,
  ReportChannelEntity,
  ReportEntity,
  ReportRevisionEntity,
  ReportSectionEntity,
  ScheduledJobEntity,
  UserEntity,
  UserSessionEntity,
  WarningAcknowledgementEntity,
  WorkflowEventEntity,
};

export const entities = [
  AgencyEntity,
  ReportEntity,
  ReportSectionEntity,
  ReportCellEntity,
  ReportChannelEntity,
  UserEntity,
  UserSessionEntity,
  WorkflowEventEntity,
  ReportRevisionEntity,
  AuditEventEntity,
  AuditCheckpointEntity,
  WarningAcknowledgementEntity,
  AuditSignedCheckpointEntity,
  ScheduledJobEntity,
];
