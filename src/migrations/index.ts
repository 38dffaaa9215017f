import { CoreSchema1764300000000 } from "./1764300000000-core-schema";

/** Every migration, oldest first. Schema changes are made here, never with synchronize. */
export const migrations = [CoreSchema1764300000000];
