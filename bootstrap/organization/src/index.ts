export * from "./organization";
export * from "./accounts";
export * from "./role-mapping";
export * from "./iam-documents";
export * from "./sign-in";
export * from "./aws-organizations";
export * from "./org-map";
