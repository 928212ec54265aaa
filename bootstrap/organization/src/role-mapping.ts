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
 *   Management-Auditor   -> nothing (it only reads Pulumi state; optional)
 */
export type ManagementRole = "admin" | "billing" | "developer" | "auditor";
export type SubAccountRole = "admin" | "billing";

export const MANAGEMENT_ROLES: readonly ManagementRole[] = ["admin", "billing", "developer", "auditor"];
/** The management roles that run Pulumi programs: read and write state, use the secrets key. */
export const PULUMI_ROLES: readonly ManagementRole[] = ["admin", "billing", "developer"];
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
        case "auditor":
            return false;
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

/** The management roles the map names (the auditor only when configured), in MANAGEMENT_ROLES order. */
export function configuredManagementRoles(org: Organization): ManagementRole[] {
    return MANAGEMENT_ROLES.filter((m) => org.roles.management[m] !== undefined);
}

export function managementRoleName(org: Organization, role: ManagementRole): string {
    const name = org.roles.management[role];
    if (name === undefined) {
        throw new Error(`the organisation map names no ${role} management role (roles.management.${role})`);
    }
    return name;
}

export function managementRoleArn(org: Organization, role: ManagementRole): string {
    return roleArn(org.management.accountId, managementRoleName(org, role));
}
