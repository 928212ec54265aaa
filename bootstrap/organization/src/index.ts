export * from "./organization";
export * from "./accounts";
