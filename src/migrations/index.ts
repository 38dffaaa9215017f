import { CoreSchema1764300000000 } from "./1764300000000-core-schema";
import { Workflow1764400000000 } from "./1764400000000-workflow";
import { AuditTrail1764500000000 } from "./1764500000000-audit-trail";
import { ChannelDistribution1764700000000 } from "./1764700000000-channel-distribution";
import { FourEyesMachineVersion1764800000000 } from "./1764800000000-four-eyes-machine-version";
import { SignedCheckpoints1764820000000 } from "./1764820000000-signed-checkpoints";
import { AgencyKind1764840000000 } from "./1764840000000-agency-kind";
import { WarningAcknowledgement1764841000000 } from "./1764841000000-warning-acknowledgement";
import { SignIn1764850000000 } from "./1764850000000-sign-in";
import { AuditNotify1764860000000 } from "./1764860000000-audit-notify";
import { Notifications1764861000000 } from "./1764861000000-notifications";
import { RevisionPublication1764910000000 } from "./1764910000000-revision-publication";
import { ScheduledPublication1764920000000 } from "./1764920000000-scheduled-publication";
import { OutboundDelivery1764930000000 } from "./1764930000000-outbound-delivery";
import { StatisticsSummary1764940000000 } from "./1764940000000-statistics-summary";
import { UserStamp1764941000000 } from "./1764941000000-user-stamp";
import { ParticipantsIndex1764950000000 } from "./1764950000000-participants-index";

/** Every migration, oldest first. Schema changes are made here, never with synchronize. */
export const migrations = [
  CoreSchema1764300000000,
  Workflow1764400000000,
  AuditTrail1764500000000,
  ChannelDistribution1764700000000,
  FourEyesMachineVersion1764800000000,
  SignedCheckpoints1764820000000,
  AgencyKind1764840000000,
  WarningAcknowledgement1764841000000,
  SignIn1764850000000,
  AuditNotify1764860000000,
  Notifications1764861000000,
  RevisionPublication1764910000000,
  ScheduledPublication1764920000000,
  OutboundDelivery1764930000000,
  StatisticsSummary1764940000000,
  UserStamp1764941000000,
  ParticipantsIndex1764950000000,
];
