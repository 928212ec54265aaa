"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.noManagementAccountTarget = void 0;
const config_1 = require("../lib/config");
const provider_target_1 = require("../lib/provider-target");
const report_1 = require("../lib/report");
const resource_scope_1 = require("../lib/resource-scope");
const schema = (0, config_1.configSchema)(["managementAccountId", "packages", "managementProjects"], ["managementAccountId"]);
/**
 * The account a provider acts in is the one of the *last* role it assumes. A provider that assumes
 * no role uses the ambient credentials, which in this setup belong to the management account, unless
 * `allowedAccountIds`/`forbiddenAccountIds` make the provider itself refuse that account.
 */
exports.noManagementAccountTarget = {
    name: "no-management-account-target",
    description: "No AWS provider may act in the management account.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Give the provider assumeRoles whose last role is arn:aws:iam::<sub-account>:role/Admin, and pin " +
        "allowedAccountIds to that sub-account. Only the account-setup projects listed in managementProjects may " +
        "act in the management account.",
    configSchema: schema,
    validateResource: (0, report_1.resourceCheckWithConfig)(schema, (args, report, config) => {
        const provider = (0, resource_scope_1.providerToJudge)(args, config.packages);
        if (!provider) {
            return;
        }
        // Read through the same variable the pack receives from the engine (ConfigureStack env).
        const project = process.env.PULUMI_NODEJS_PROJECT;
        if (project && config.managementProjects.includes(project)) {
            return;
        }
        const mgmt = config.managementAccountId;
        const who = (0, resource_scope_1.describeProvider)(provider);
        const target = (0, provider_target_1.analyzeProviderTarget)(provider.props);
        if (target.malformed) {
            const m = target.malformed;
            report(`${who} cannot be trusted: ${m.reason} (value: ${m.value}).`);
            return;
        }
        if (target.finalRole?.accountId === mgmt) {
            report(`${who} assumes ${target.finalRole.roleArn} (${target.finalRole.source}), a role in the management account ${mgmt}.`);
            return;
        }
        if (target.allowedAccountIds?.includes(mgmt)) {
            report(`${who} lists the management account ${mgmt} in allowedAccountIds.`);
            return;
        }
        if (target.finalRole || target.roleUnknown) {
            // A sub-account role, or one not known until apply (verifiable-provider-target reports that).
            return;
        }
        if (target.unknownFields.includes("allowedAccountIds") || target.unknownFields.includes("forbiddenAccountIds")) {
            return;
        }
        const pinnedElsewhere = (target.allowedAccountIds?.length ?? 0) > 0;
        const forbidsManagement = target.forbiddenAccountIds?.includes(mgmt) ?? false;
        if (!pinnedElsewhere && !forbidsManagement) {
            report(`${who} assumes no role, so it runs with the ambient credentials of the management account ${mgmt}. ` +
                `Add assumeRoles: [{ roleArn: "arn:aws:iam::<sub-account>:role/Admin" }].`);
        }
    }),
};
//# sourceMappingURL=no-management-account-target.js.map