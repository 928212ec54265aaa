/** IAM policy documents as plain data, so programs stringify them and tests evaluate them. */

export type ConditionBlock = Record<string, Record<string, string | string[] | boolean>>;

export interface Statement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | { AWS?: string | string[]; Federated?: string; Service?: string | string[] };
    /** One of Action and NotAction (NotAction: everything but these, as in a region allow-list). */
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    Condition?: ConditionBlock;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Statement[];
}

export function policy(...statements: Statement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** `arn:aws:iam::<account>:root`: the account as a principal (delegating to its IAM policies). */
export function accountRoot(accountId: string): string {
    return `arn:aws:iam::${accountId}:root`;
}
