export * from "./ai";
export * from "./api-keys";
export * from "./audit";
export * from "./auth";
export * from "./jobs";
export * from "./templates";
export * from "./training";
export * from "./workspaces";
