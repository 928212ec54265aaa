import { roleArn } from "./accounts";
import type { Organization, SubAccount } from "./organization";

/**
 * Who may become what: the one statement of the management-role -> sub-account-role mapping.
 * The management program turns it into permission policies, the sub-account program into trust
 * conditions, and the tests into the expected allow/deny matrix.
 *
 *   Management-Admin     -> Admin and Billing in every sub-account
 *   Management-Billing   -> Billing in every sub-account
 *   Management-Developer -> Admin in sub-accounts whose environment is dev
 */
export type ManagementRole = "admin" | "billing" | "developer";
export type SubAccountRole = "admin" | "billing";

export const MANAGEMENT_ROLES: readonly ManagementRole[] = ["admin", "billing", "developer"];
export const SUB_ACCOUNT_ROLES: readonly SubAccountRole[] = ["admin", "billing"];

/** The environment whose accounts Management-Developer may administer. */
export const DEVELOPER_ENVIRONMENT = "dev";

export function mayAssume(management: ManagementRole, account: SubAccount, role: SubAccountRole): boolean {
    switch (management) {
        case "admin":
            return true;
        case "billing":
            return role === "billing";
        case "developer":
            return role === "admin" && account.environment === DEVELOPER_ENVIRONMENT;
    }
}

export interface RoleTarget {
    account: SubAccount;
    role: SubAccountRole;
    roleArn: string;
}

/** The sub-account roles a management role may assume. */
export function targetsOf(org: Organization, management: ManagementRole): RoleTarget[] {
    return org.subAccounts.flatMap((account) =>
        SUB_ACCOUNT_ROLES.filter((role) => mayAssume(management, account, role)).map((role) => ({
            account,
            role,
            roleArn: roleArn(account.accountId, org.roles.subAccount[role]),
        })),
    );
}

/** The management roles that may assume `role` in `account` (for its trust policy). */
export function assumersOf(org: Organization, account: SubAccount, role: SubAccountRole): ManagementRole[] {
    return MANAGEMENT_ROLES.filter((m) => mayAssume(m, account, role));
}

export function managementRoleArn(org: Organization, role: ManagementRole): string {
    return roleArn(org.management.accountId, org.roles.management[role]);
}
