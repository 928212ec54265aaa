import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../lib/config";
import { pinDefeat, providerTarget, reachableAccounts } from "../lib/provider-target";
import { resourceCheckWithConfig } from "../lib/report";
import { describeProvider, providerToJudge } from "../lib/resource-scope";

const schema = configSchema(["allowedAccountIds", "packages"]);

/** With `allowedAccountIds` configured, a provider may act only in those accounts (e.g. one pack config per environment). */
export const allowedTargetAccounts: ResourceValidationPolicy = {
    name: "allowed-target-accounts",
    description: "AWS providers may act only in the accounts listed in the policy's allowedAccountIds.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Point the provider's assumeRoles at a role in one of the allowed accounts, or add the account to " +
        "allowedAccountIds in the policy configuration if it really belongs there.",
    configSchema: schema,
    validateResource: resourceCheckWithConfig<"allowedAccountIds" | "packages">(schema, (args, report, config) => {
        if (config.allowedAccountIds.length === 0) {
            return;
        }
        const provider = providerToJudge(args, config.packages);
        if (!provider) {
            return;
        }
        const who = describeProvider(provider);
        const allowed = config.allowedAccountIds.join(", ");
        const target = providerTarget(provider);
        if (target.malformed) {
            report(`${who} cannot be trusted: ${target.malformed.reason} (value: ${target.malformed.value}).`);
            return;
        }
        if (target.undecided.length > 0) {
            return; // verifiable-provider-target reports unknowns
        }
        const accounts = reachableAccounts(target);
        if (!accounts) {
            const defeat = pinDefeat(target.allowedCheck);
            report(
                defeat
                    ? `${who} assumes no role and its allowedAccountIds pin cannot be enforced (${defeat.reason}), so it may act in any account; allowed: ${allowed}.`
                    : `${who} assumes no role and pins no account, so it may act in any account; allowed: ${allowed}.`,
            );
            return;
        }
        const outside = accounts.filter((a) => !config.allowedAccountIds.includes(a));
        if (outside.length > 0) {
            report(`${who} acts in account ${outside.join(", ")}, which is not among the allowed accounts (${allowed}).`);
        }
    }),
};
