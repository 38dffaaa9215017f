export * from "./config";
export * from "./database";
export * from "./deadline";
export * from "./serial-queue";
export * from "./placeholder";
export * from "./raw-entities";
export * from "./request-turn";
