"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pinAllowedAccountIds = void 0;
const config_1 = require("../lib/config");
const provider_target_1 = require("../lib/provider-target");
const report_1 = require("../lib/report");
const resource_scope_1 = require("../lib/resource-scope");
const schema = (0, config_1.configSchema)(["managementAccountId", "packages"], ["managementAccountId"]);
/** Defence in depth: a provider pinned to its account refuses credentials for any other account itself. */
exports.pinAllowedAccountIds = {
    name: "pin-allowed-account-ids",
    description: "A provider that assumes a sub-account role should pin allowedAccountIds to exactly that account.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Add allowedAccountIds: [\"<sub-account id>\"] to the provider, matching the account of its last assumed role.",
    configSchema: schema,
    validateResource: (0, report_1.resourceCheckWithConfig)(schema, (args, report, config) => {
        const provider = (0, resource_scope_1.providerToJudge)(args, config.packages);
        if (!provider) {
            return;
        }
        const target = (0, provider_target_1.analyzeProviderTarget)(provider.props);
        const role = target.finalRole;
        if (!role || role.accountId === config.managementAccountId || target.malformed || target.unknownFields.includes("allowedAccountIds")) {
            return;
        }
        const pinned = target.allowedAccountIds ?? [];
        if (pinned.length !== 1 || pinned[0] !== role.accountId) {
            const now = pinned.length === 0 ? "sets no allowedAccountIds" : `pins allowedAccountIds to ${pinned.join(", ")}`;
            report(`${(0, resource_scope_1.describeProvider)(provider)} assumes ${role.roleArn} but ${now}; pin it to ["${role.accountId}"].`);
        }
    }),
};
//# sourceMappingURL=pin-allowed-account-ids.js.map