import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../lib/config";
import { projectName } from "../lib/engine-run";
import { pinDefeat, pinHolds, providerTarget } from "../lib/provider-target";
import { resourceCheckWithConfig } from "../lib/report";
import { describeProvider, providerToJudge } from "../lib/resource-scope";

const schema = configSchema(["managementAccountId", "packages", "managementProjects"], ["managementAccountId"]);

/**
 * The account a provider acts in is the one of the *last* role it assumes. A provider that assumes
 * no role uses the ambient credentials, which in this setup belong to the management account, unless
 * an `allowedAccountIds`/`forbiddenAccountIds` pin that the provider can enforce makes it refuse them.
 */
export const noManagementAccountTarget: ResourceValidationPolicy = {
    name: "no-management-account-target",
    description: "No AWS provider may act in the management account.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Give the provider assumeRoles whose last role is arn:aws:iam::<sub-account>:role/Admin (aws-native: assumeRole), and pin " +
        "allowedAccountIds to that sub-account. Only the account-setup projects listed in managementProjects may " +
        "act in the management account.",
    configSchema: schema,
    validateResource: resourceCheckWithConfig<"managementAccountId" | "packages" | "managementProjects">(schema, (args, report, config) => {
        const provider = providerToJudge(args, config.packages);
        if (!provider) {
            return;
        }
        const project = projectName();
        if (project && config.managementProjects.includes(project)) {
            return;
        }
        const mgmt = config.managementAccountId;
        const who = describeProvider(provider);
        const target = providerTarget(provider);
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
        if (target.finalRole || target.undecided.length > 0) {
            // A sub-account role, or a target not known yet (verifiable-provider-target reports that).
            return;
        }
        const pinsElsewhere = (target.allowedAccountIds?.length ?? 0) > 0;
        const forbidsManagement = target.forbiddenAccountIds?.includes(mgmt) ?? false;
        if ((pinsElsewhere && pinHolds(target.allowedCheck)) || (forbidsManagement && pinHolds(target.forbiddenCheck))) {
            return;
        }
        const pin = pinsElsewhere ? "allowedAccountIds" : "forbiddenAccountIds";
        const defeat = (pinsElsewhere ? pinDefeat(target.allowedCheck) : undefined) ?? (forbidsManagement ? pinDefeat(target.forbiddenCheck) : undefined);
        if (defeat) {
            report(
                `${who} assumes no role and relies on ${pin} to keep it out of the management account ${mgmt}, but ${target.label} ` +
                    `cannot enforce that pin: ${defeat.reason}. It would run with the ambient credentials of the management account. ${target.assumeHint}`,
            );
            return;
        }
        const ignored = target.ignoredRoleInputs.length > 0 ? ` (${target.ignoredRoleInputs.join("; ")})` : "";
        report(`${who} assumes no role${ignored}, so it runs with the ambient credentials of the management account ${mgmt}. ${target.assumeHint}`);
    }),
};
