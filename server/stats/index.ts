export * from "./distributions";
export * from "./sample-size";
export * from "./tests";
