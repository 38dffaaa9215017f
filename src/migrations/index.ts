import { CoreSchema1764300000000 } from "./1764300000000-core-schema";
import { Workflow1764400000000 } from "./1764400000000-workflow";
import { AuditTrail1764500000000 } from "./1764500000000-audit-trail";
import { ChannelDistribution1764700000000 } from "./1764700000000-channel-distribution";
import { SignIn1764850000000 } from "./1764850000000-sign-in";

/** Every migration, oldest first. Schema changes are made here, never with synchronize. */
export const migrations = [CoreSchema1764300000000, Workflow1764400000000, AuditTrail1764500000000, ChannelDistribution1764700000000, SignIn1764850000000];
