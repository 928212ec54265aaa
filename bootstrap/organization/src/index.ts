export * from "./organization";
export * from "./accounts";
export * from "./role-mapping";
export * from "./iam-documents";
