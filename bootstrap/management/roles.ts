import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MANAGEMENT_ROLES, ManagementRole, Organization } from "@guardrails/organization";
import { assumeManagementRolePolicy, managementTrustPolicy, roleMappingPolicy } from "./policies";
import type { ManagementSettings } from "./settings";

const BILLING_POLICY = "arn:aws:iam::aws:policy/job-function/Billing";

export interface ManagementRoles {
    roles: Partial<Record<ManagementRole, aws.iam.Role>>;
}

/**
 * The roles people sign in to. They get no power in the management account beyond the mapping and
 * Pulumi state (and billing for Management-Billing): a resource that forgets its provider fails
 * instead of landing here.
 */
export function createManagementRoles(org: Organization, settings: ManagementSettings, provider: aws.Provider): ManagementRoles {
    const roles: Partial<Record<ManagementRole, aws.iam.Role>> = {};
    const trust = JSON.stringify(managementTrustPolicy(org, settings));
    for (const key of MANAGEMENT_ROLES) {
        if (key === "developer" && !settings.enableDeveloperRole) {
            continue;
        }
        const name = org.roles.management[key];
        const role = new aws.iam.Role(name, { name, assumeRolePolicy: trust, maxSessionDuration: settings.maxSessionDurationSeconds, description: `Sign-in role ${name}` }, { provider });
        roles[key] = role;

        const mapping = roleMappingPolicy(org, key);
        if (mapping) {
            new aws.iam.RolePolicy(`${name}-mapping`, { role: role.name, name: "AssumeMappedSubAccountRoles", policy: JSON.stringify(mapping) }, { provider, parent: role });
        }
        if (key === "billing") {
            new aws.iam.RolePolicyAttachment(`${name}-billing`, { role: role.name, policyArn: BILLING_POLICY }, { provider, parent: role });
        }
        if (settings.trust.kind === "account") {
            grantAssume(name, role, settings.groups[key], settings.users[key], settings.requireMfa, provider);
        }
    }
    return { roles };
}

/** Lets the configured IAM groups and users of the management account assume `role`. */
function grantAssume(name: string, role: aws.iam.Role, groups: string[], users: string[], requireMfa: boolean, provider: aws.Provider): void {
    if (groups.length === 0 && users.length === 0) {
        return;
    }
    const assume = new aws.iam.Policy(
        `assume-${name}`,
        { name: `Assume${name}`, policy: role.arn.apply((arn) => JSON.stringify(assumeManagementRolePolicy(arn, requireMfa))) },
        { provider, parent: role },
    );
    for (const group of groups) {
        new aws.iam.GroupPolicyAttachment(`assume-${name}-${group}`, { group, policyArn: assume.arn }, { provider, parent: assume });
    }
    for (const user of users) {
        new aws.iam.UserPolicyAttachment(`assume-${name}-${user}`, { user, policyArn: assume.arn }, { provider, parent: assume });
    }
}

/** Role ARNs as outputs, for the exports. */
export function roleArns(roles: ManagementRoles): Record<string, pulumi.Output<string>> {
    return Object.fromEntries(Object.entries(roles.roles).map(([k, r]) => [k, r!.arn]));
}
