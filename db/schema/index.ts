export * from "./api-keys";
export * from "./audit";
export * from "./auth";
export * from "./inbox";
export * from "./jobs";
export * from "./templates";
export * from "./training";
export * from "./workspaces";
