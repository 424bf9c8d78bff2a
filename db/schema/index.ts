export * from "./api-keys";
export * from "./audit";
export * from "./auth";
export * from "./workspaces";
