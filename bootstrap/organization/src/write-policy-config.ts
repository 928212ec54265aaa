/**
 * The `--policy-pack-config` document for an organisation: `guardrail policy-config` and
 * `guardrail init` write it (in this repository also `npm run policy-config -- [--environment ENV]
 * [--out FILE]`). With an environment, allowedAccountIds lists that environment's sub-accounts only.
 */
import { buildPolicyPackConfig } from "@guardrails/policy/lib/pack-config";
import type { Organization } from "./organization";

/** What the pack config needs of an organisation: a whole map, or the accounts `guardrail init` was given as flags. */
export type PolicyConfigAccounts = Pick<Organization, "managementProjects"> & {
    management: Pick<Organization["management"], "accountId">;
    subAccounts: Pick<Organization["subAccounts"][number], "accountId" | "environment">[];
};

export function policyConfigFromOrganization(org: PolicyConfigAccounts, environment?: string): Record<string, Record<string, unknown>> {
    const settings: Parameters<typeof buildPolicyPackConfig>[0] = {
        managementAccountId: org.management.accountId,
        managementProjects: org.managementProjects,
    };
    if (environment !== undefined) {
        const accounts = org.subAccounts.filter((a) => a.environment === environment);
        if (accounts.length === 0) {
            const known = [...new Set(org.subAccounts.map((a) => a.environment))].join(", ");
            throw new Error(`no sub-account has environment "${environment}" (environments in the map: ${known})`);
        }
        settings.allowedAccountIds = accounts.map((a) => a.accountId);
    }
    return buildPolicyPackConfig(settings);
}
