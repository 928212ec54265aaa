import type { Policies } from "@pulumi/policy";
import { allowedTargetAccounts } from "./allowed-target-accounts";
import { awsExplicitProvider } from "./aws-explicit-provider";
import { noManagementAccountTarget } from "./no-management-account-target";
import { pinAllowedAccountIds } from "./pin-allowed-account-ids";
import { singleTargetAccount } from "./single-target-account";
import { verifiableProviderTarget } from "./verifiable-provider-target";

/** Every policy of the pack, in the order they are reported. */
export const policies: Policies = [
    awsExplicitProvider,
    noManagementAccountTarget,
    allowedTargetAccounts,
    verifiableProviderTarget,
    pinAllowedAccountIds,
    singleTargetAccount,
];
