import type { StackValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../lib/config";
import { providerTarget, reachableAccounts } from "../lib/provider-target";
import { stackCheckWithConfig } from "../lib/report";
import { providerToJudge } from "../lib/resource-scope";

const schema = configSchema(["packages"]);

/**
 * A stack targets one account ("this stack is shop-dev"). Resources of one stack landing in several
 * accounts usually mean a provider was copied from another stack: worth a look, not a block.
 */
export const singleTargetAccount: StackValidationPolicy = {
    name: "single-target-account",
    description: "All AWS resources of a stack should act in one account.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Split the stack per account, or make sure every provider assumes a role in the stack's own account.",
    configSchema: schema,
    validateStack: stackCheckWithConfig<"packages">(schema, (args, report, config) => {
        const resourcesByAccount = new Map<string, number>();
        const analysed = new Map<string, string[] | undefined>();
        for (const resource of args.resources) {
            const provider = providerToJudge(resource, config.packages);
            if (!provider || provider === resource) {
                continue;
            }
            if (!analysed.has(provider.urn)) {
                analysed.set(provider.urn, reachableAccounts(providerTarget(provider)));
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
