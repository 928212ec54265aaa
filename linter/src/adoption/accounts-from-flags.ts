import { UsageError } from "../errors";
import { Checker } from "../../../bootstrap/organization/src/checker";
import { checkEnvironment } from "../../../bootstrap/organization/src/environments";
import type { PolicyConfigAccounts } from "../../../bootstrap/organization/src/write-policy-config";

const ACCOUNT_ID = /^\d{12}$/;
const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * `--management-account ID` and repeatable `--account NAME=ID[:ENVIRONMENT]`: the accounts of an
 * organisation that has no map (yet), checked as the map's loader checks them (12-digit ids, names,
 * no duplicates, the management account never a sub-account). Every mistake is named at once.
 */
export function accountsFromFlags(managementAccount: string | undefined, accounts: string[], managementProjects: string[]): PolicyConfigAccounts {
    const problems: string[] = [];
    if (managementAccount === undefined) {
        problems.push("--management-account ID is required unless --org-map names the organisation map");
    } else if (!ACCOUNT_ID.test(managementAccount)) {
        problems.push(`--management-account ${JSON.stringify(managementAccount)}: expected a 12-digit AWS account id`);
    }
    const subAccounts: PolicyConfigAccounts["subAccounts"] = [];
    const names = new Set<string>();
    const ids = new Set<string>();
    for (const flag of accounts) {
        const m = /^([^=]+)=(\d+)(?::(.+))?$/.exec(flag);
        if (!m) {
            problems.push(`--account ${JSON.stringify(flag)}: expected NAME=ID or NAME=ID:ENVIRONMENT`);
            continue;
        }
        // Without an environment the account is allowed only by a config written without --environment.
        const [, name, accountId, environment = ""] = m;
        if (!NAME.test(name)) {
            problems.push(`--account ${flag}: "${name}" is not a lower-case account name`);
        } else if (names.has(name)) {
            problems.push(`--account ${flag}: the name "${name}" is given twice`);
        }
        if (!ACCOUNT_ID.test(accountId)) {
            problems.push(`--account ${flag}: "${accountId}" is not a 12-digit AWS account id`);
        } else if (accountId === managementAccount) {
            problems.push(`--account ${flag}: ${accountId} is the management account; it cannot also be a sub-account`);
        } else if (ids.has(accountId)) {
            problems.push(`--account ${flag}: the account id ${accountId} is given twice`);
        }
        if (environment && !NAME.test(environment)) {
            problems.push(`--account ${flag}: "${environment}" is not an environment name such as dev or prod`);
        } else if (environment) {
            // The map's rule: a typo such as prdo must not quietly become an environment of its own.
            const c = new Checker();
            checkEnvironment(c, `--account ${flag}`, environment, undefined);
            problems.push(...c.problems);
        }
        names.add(name);
        ids.add(accountId);
        subAccounts.push({ accountId, environment });
    }
    for (const project of managementProjects) {
        if (!/^[A-Za-z0-9_.-]+$/.test(project)) {
            problems.push(`--management-project ${JSON.stringify(project)}: not a Pulumi project name`);
        }
    }
    if (problems.length > 0) {
        throw new UsageError(problems.join("; "));
    }
    return { management: { accountId: managementAccount! }, subAccounts, managementProjects };
}
