/**
 * Writes a ready `--policy-pack-config` file from the organisation map:
 *   npm run policy-config -- [--org FILE] [--environment ENV] [--out FILE]
 * With --environment, allowedAccountIds lists that environment's sub-accounts only.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildPolicyPackConfig } from "@guardrails/policy/lib/pack-config";
import { loadOrganization, OrganizationMapError } from "./organization";
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

function main(argv: string[]): number {
    let args;
    try {
        args = parseArgs({
            args: argv,
            options: {
                org: { type: "string" },
                environment: { type: "string" },
                out: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
        });
    } catch (e) {
        process.stderr.write(`write-policy-config: ${(e as Error).message}\n`);
        return 2;
    }
    if (args.values.help) {
        process.stdout.write("usage: write-policy-config [--org FILE] [--environment ENV] [--out FILE]\n");
        return 0;
    }
    try {
        const org = loadOrganization(args.values.org);
        const json = JSON.stringify(policyConfigFromOrganization(org, args.values.environment), null, 2) + "\n";
        if (args.values.out) {
            writeFileSync(args.values.out, json);
            process.stderr.write(`wrote ${args.values.out}\n`);
        } else {
            process.stdout.write(json);
        }
        return 0;
    } catch (e) {
        const message = e instanceof OrganizationMapError || e instanceof Error ? e.message : String(e);
        process.stderr.write(`write-policy-config: ${message}\n`);
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
