import type { ValueTransformer } from "typeorm";

/**
 * BIGINT comes back as a string from PostgreSQL and as a number from SQLite;
 * both become a JS bigint here, so callers never see a float.
 */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | number | null) => (value === null || value === undefined ? null : BigInt(value)),
};
