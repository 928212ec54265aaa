"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.allowedTargetAccounts = void 0;
const config_1 = require("../lib/config");
const provider_target_1 = require("../lib/provider-target");
const report_1 = require("../lib/report");
const resource_scope_1 = require("../lib/resource-scope");
const schema = (0, config_1.configSchema)(["allowedAccountIds", "packages"]);
/** With `allowedAccountIds` configured, a provider may act only in those accounts (e.g. one pack config per environment). */
exports.allowedTargetAccounts = {
    name: "allowed-target-accounts",
    description: "AWS providers may act only in the accounts listed in the policy's allowedAccountIds.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Point the provider's assumeRoles at a role in one of the allowed accounts, or add the account to " +
        "allowedAccountIds in the policy configuration if it really belongs there.",
    configSchema: schema,
    validateResource: (0, report_1.resourceCheckWithConfig)(schema, (args, report, config) => {
        if (config.allowedAccountIds.length === 0) {
            return;
        }
        const provider = (0, resource_scope_1.providerToJudge)(args, config.packages);
        if (!provider) {
            return;
        }
        const who = (0, resource_scope_1.describeProvider)(provider);
        const allowed = config.allowedAccountIds.join(", ");
        const target = (0, provider_target_1.analyzeProviderTarget)(provider.props);
        if (target.malformed) {
            report(`${who} cannot be trusted: ${target.malformed.reason} (value: ${target.malformed.value}).`);
            return;
        }
        if (target.roleUnknown || (!target.finalRole && target.unknownFields.length > 0)) {
            return; // verifiable-provider-target reports unknowns
        }
        const accounts = (0, provider_target_1.reachableAccounts)(target);
        if (!accounts) {
            report(`${who} assumes no role and pins no account, so it may act in any account; allowed: ${allowed}.`);
            return;
        }
        const outside = accounts.filter((a) => !config.allowedAccountIds.includes(a));
        if (outside.length > 0) {
            report(`${who} acts in account ${outside.join(", ")}, which is not among the allowed accounts (${allowed}).`);
        }
    }),
};
//# sourceMappingURL=allowed-target-accounts.js.map