// pulumi-aws-guardrails/provider: the target-account provider library (source: linter/src/library/provider.ts).
import type * as aws from "@pulumi/aws";

/** The stack config namespace: `guardrails:targetAccount`, `guardrails:organizationMap`. */
export declare const CONFIG_NAMESPACE: "guardrails";

export interface TargetAccountOptions {
    /** Sub-account name from the organisation map; default: stack config guardrails:targetAccount. */
    account?: string;
    /** Default: stack config aws:region, else the organisation's default region. */
    region?: string;
    /** The organisation map file; default: stack config guardrails:organizationMap, else GUARDRAILS_ORG_MAP. */
    organizationMap?: string;
}

export interface SubAccount {
    name: string;
    accountId: string;
    alias: string;
    environment: string;
    inOrganization: boolean;
    email?: string;
}

/** The sub-account the stack targets (stack config guardrails:targetAccount, or `account`). */
export declare function targetAccount(options?: TargetAccountOptions): SubAccount;
/** The (cached) provider for the stack's target account: assumes its Admin role, pinned to it. */
export declare function targetAccountProvider(options?: TargetAccountOptions): aws.Provider;
