import { CoreSchema1764300000000 } from "./1764300000000-core-schema";
import { Workflow1764400000000 } from "./1764400000000-workflow";

/** Every migration, oldest first. Schema changes are made here, never with synchronize. */
export const migrations = [CoreSchema1764300000000, Workflow1764400000000];
