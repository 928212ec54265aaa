import type { Organization, SubAccount } from "./organization";

/** `arn:<partition>:iam::<account>:role/<name>`. */
export function roleArn(accountId: string, roleName: string, partition = "aws"): string {
    return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** The sub-account called `name`; a clear error naming the known ones otherwise. */
export function subAccountNamed(org: Organization, name: string): SubAccount {
    const account = org.subAccounts.find((a) => a.name === name);
    if (!account) {
        if (name === org.management.name) {
            throw new Error(`"${name}" is the management account; workloads must target a sub-account`);
        }
        if (org.organizations?.newAccounts.some((a) => a.name === name)) {
            throw new Error(`sub-account "${name}" has no account id yet: bootstrap/management creates it (output createdAccountIds); then write its id into the organisation map`);
        }
        const known = org.subAccounts.map((a) => a.name).join(", ");
        throw new Error(`unknown sub-account "${name}" (the organisation map lists: ${known})`);
    }
    return account;
}

export function subAccountsIn(org: Organization, environment: string): SubAccount[] {
    return org.subAccounts.filter((a) => a.environment === environment);
}
