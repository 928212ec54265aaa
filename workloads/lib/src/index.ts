export * from "./target-account";
