import type { ValueTransformer } from "typeorm";

/** PostgreSQL hands bigint back as a string; epoch milliseconds fit a JavaScript number exactly. */
export const ScaledBigint: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
