import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../lib/config";
import { pinDefeat, providerTarget } from "../lib/provider-target";
import { resourceCheckWithConfig } from "../lib/report";
import { describeProvider, providerToJudge } from "../lib/resource-scope";

const schema = configSchema(["managementAccountId", "packages"], ["managementAccountId"]);

/** Defence in depth: a provider pinned to its account refuses credentials for any other account itself. */
export const pinAllowedAccountIds: ResourceValidationPolicy = {
    name: "pin-allowed-account-ids",
    description: "A provider that assumes a sub-account role should pin allowedAccountIds to exactly that account, in a way the provider enforces.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Add allowedAccountIds: [\"<sub-account id>\"] to the provider, matching the account of its last assumed role; for aws-native also " +
        "set skipCredentialsValidation: false, without which the provider never checks the pin.",
    configSchema: schema,
    validateResource: resourceCheckWithConfig<"managementAccountId" | "packages">(schema, (args, report, config) => {
        const provider = providerToJudge(args, config.packages);
        if (!provider) {
            return;
        }
        const target = providerTarget(provider);
        const role = target.finalRole;
        if (!role || role.accountId === config.managementAccountId || target.malformed || target.unknownPins.includes("allowedAccountIds")) {
            return;
        }
        const who = describeProvider(provider);
        const pinned = target.allowedAccountIds ?? [];
        if (pinned.length !== 1 || pinned[0] !== role.accountId) {
            const now = pinned.length === 0 ? "sets no allowedAccountIds" : `pins allowedAccountIds to ${pinned.join(", ")}`;
            report(`${who} assumes ${role.roleArn} but ${now}; pin it to ["${role.accountId}"].`);
            return;
        }
        const defeat = pinDefeat(target.allowedCheck);
        if (defeat) {
            report(`${who} pins allowedAccountIds to ["${role.accountId}"], but ${target.label} never enforces it: ${defeat.reason}.`);
        }
    }),
};
