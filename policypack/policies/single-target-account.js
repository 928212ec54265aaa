"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.singleTargetAccount = void 0;
const config_1 = require("../lib/config");
const provider_target_1 = require("../lib/provider-target");
const report_1 = require("../lib/report");
const resource_scope_1 = require("../lib/resource-scope");
const schema = (0, config_1.configSchema)(["packages"]);
/**
 * A stack targets one account ("this stack is shop-dev"). Resources of one stack landing in several
 * accounts usually mean a provider was copied from another stack: worth a look, not a block.
 */
exports.singleTargetAccount = {
    name: "single-target-account",
    description: "All AWS resources of a stack should act in one account.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Split the stack per account, or make sure every provider assumes a role in the stack's own account.",
    configSchema: schema,
    validateStack: (0, report_1.stackCheckWithConfig)(schema, (args, report, config) => {
        const resourcesByAccount = new Map();
        const analysed = new Map();
        for (const resource of args.resources) {
            const provider = (0, resource_scope_1.providerToJudge)(resource, config.packages);
            if (!provider || provider === resource) {
                continue;
            }
            if (!analysed.has(provider.urn)) {
                analysed.set(provider.urn, (0, provider_target_1.reachableAccounts)((0, provider_target_1.analyzeProviderTarget)(provider.props)));
            }
            const accounts = analysed.get(provider.urn);
            const key = accounts ? accounts.join("|") : "ambient credentials";
            resourcesByAccount.set(key, (resourcesByAccount.get(key) ?? 0) + 1);
        }
        if (resourcesByAccount.size > 1) {
            const parts = [...resourcesByAccount].map(([account, n]) => `${account.replace(/\|/g, " or ")}: ${n}`);
            report(`This stack's AWS resources act in ${resourcesByAccount.size} different accounts (${parts.join("; ")}).`);
        }
    }),
};
//# sourceMappingURL=single-target-account.js.map