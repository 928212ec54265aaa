import { Checker, REGION, ROLE_NAME } from "./checker";

/** A member account the map names without an id: bootstrap/management creates it. */
export interface NewAccount {
    name: string;
    environment: string;
    email: string;
    alias: string;
}

/** The map's optional `organizations` section: AWS Organizations structure for the sub-accounts. */
export interface OrganizationsSettings {
    /**
     * The role Organizations creates in each new member account, trusted by the management account;
     * bootstrap/subaccount assumes it to set a member account up from the management account.
     */
    accessRoleName: string;
    /** Regions the service control policy allows (besides global services); empty: no region rule. */
    allowedRegions: string[];
    newAccounts: NewAccount[];
}

/** AWS's default name for the access role of accounts created in an organisation. */
export const DEFAULT_ACCESS_ROLE = "OrganizationAccountAccessRole";

export function readOrganizations(c: Checker, raw: unknown, defaultRegion: string): Omit<OrganizationsSettings, "newAccounts"> | undefined {
    if (raw === undefined) {
        return undefined;
    }
    const v = c.object("organizations", raw);
    c.noUnknownKeys("organizations", v, ["accessRoleName", "allowedRegions"]);
    const accessRoleName = v.accessRoleName === undefined ? DEFAULT_ACCESS_ROLE : c.string("organizations.accessRoleName", v.accessRoleName, ROLE_NAME, "an IAM role name");
    let allowedRegions: string[] = [];
    if (v.allowedRegions !== undefined) {
        allowedRegions = c.list("organizations.allowedRegions", v.allowedRegions, REGION, "AWS region", true);
        if (allowedRegions.length > 0 && defaultRegion && !allowedRegions.includes(defaultRegion)) {
            // The programs and the state bucket live in the default region; denying it would lock every member out of it.
            c.problems.push(`organizations.allowedRegions: the default region ${defaultRegion} must be one of them`);
        }
    }
    return { accessRoleName, allowedRegions };
}
