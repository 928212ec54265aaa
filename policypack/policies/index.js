"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.policies = void 0;
const allowed_target_accounts_1 = require("./allowed-target-accounts");
const aws_explicit_provider_1 = require("./aws-explicit-provider");
const no_management_account_target_1 = require("./no-management-account-target");
const pin_allowed_account_ids_1 = require("./pin-allowed-account-ids");
const single_target_account_1 = require("./single-target-account");
const verifiable_provider_target_1 = require("./verifiable-provider-target");
/** Every policy of the pack, in the order they are reported. */
exports.policies = [
    aws_explicit_provider_1.awsExplicitProvider,
    no_management_account_target_1.noManagementAccountTarget,
    allowed_target_accounts_1.allowedTargetAccounts,
    verifiable_provider_target_1.verifiableProviderTarget,
    pin_allowed_account_ids_1.pinAllowedAccountIds,
    single_target_account_1.singleTargetAccount,
];
//# sourceMappingURL=index.js.map