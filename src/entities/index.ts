import { AgencyEntity } from "./agency.entity";
import { AuditCheckpointEntity } from "./audit-checkpoint.entity";
import { AuditEventEntity } from "./audit-event.entity";
import { ReportCellEntity } from "./report-cell.entity";
import { ReportChannelEntity } from "./report-channel.entity";
import { ReportRevisionEntity } from "./report-revision.entity";
import { ReportSectionEntity } from "./report-section.entity";
import { ReportEntity } from "./report.entity";
import { UserEntity } from "./user.entity";
import { UserSessionEntity } from "./user-session.entity";
import { WorkflowEventEntity } from "./workflow-event.entity";

export { AgencyEntity, AuditCheckpointEntity, AuditEventEntity, ReportCellEntity, ReportChannelEntity, ReportEntity, ReportRevisionEntity, ReportSectionEntity, UserEntity, UserSessionEntity, WorkflowEventEntity };

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
];
