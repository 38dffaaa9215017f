export * from "./append";
export * from "./canonical";
export * from "./export";
export * from "./verify";
