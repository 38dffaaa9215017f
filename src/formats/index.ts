export * from "./catalog";
export * from "./cell-key";
export * from "./decimal";
export type * from "./format.types";
export * from "./cell-value";
export type * from "./report-content";
