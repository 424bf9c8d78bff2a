export * from "./api-keys";
export * from "./audit";
export * from "./auth";
export * from "./jobs";
export * from "./templates";
export * from "./workspaces";
export * from "./training";
