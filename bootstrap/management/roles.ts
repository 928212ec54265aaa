import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { configuredManagementRoles, ManagementRole, managementRoleArn, managementRoleName, Organization, RoleTrust } from "@guardrails/organization";
import { assumeManagementRolePolicy, managementTrustPolicy, roleMappingPolicy } from "./policies";
import type { ManagementSettings } from "./settings";

const BILLING_POLICY = "arn:aws:iam::aws:policy/job-function/Billing";

export interface ManagementRoles {
    roles: Partial<Record<ManagementRole, aws.iam.Role>>;
}

/** The management roles this stack creates: those the map names, the developer unless switched off. */
export function enabledManagementRoles(org: Organization, settings: ManagementSettings): ManagementRole[] {
    return configuredManagementRoles(org).filter((key) => key !== "developer" || settings.enableDeveloperRole);
}

/** A role's trust from the map (the loader resolves every configured role). */
export function trustOf(org: Organization, key: ManagementRole): RoleTrust {
    const trust = org.signIn[key];
    if (!trust) {
        throw new pulumi.RunError(`bootstrap-management: the organisation map gives no sign-in for ${key}`);
    }
    return trust;
}

/**
 * The roles people sign in to. They get no power in the management account beyond the mapping and
 * Pulumi state (and billing for Management-Billing): a resource that forgets its provider fails
 * instead of landing here.
 */
export function createManagementRoles(org: Organization, settings: ManagementSettings, provider: aws.Provider): ManagementRoles {
    const roles: Partial<Record<ManagementRole, aws.iam.Role>> = {};
    for (const key of enabledManagementRoles(org, settings)) {
        const name = managementRoleName(org, key);
        const trust = trustOf(org, key);
        const role = new aws.iam.Role(
            name,
            { name, assumeRolePolicy: JSON.stringify(managementTrustPolicy(org, trust)), maxSessionDuration: settings.maxSessionDurationSeconds, description: `Sign-in role ${name}` },
            { provider },
        );
        roles[key] = role;

        const mapping = roleMappingPolicy(org, key);
        if (mapping) {
            new aws.iam.RolePolicy(`${name}-mapping`, { role: role.name, name: "AssumeMappedSubAccountRoles", policy: JSON.stringify(mapping) }, { provider, parent: role });
        }
        if (key === "billing") {
            new aws.iam.RolePolicyAttachment(`${name}-billing`, { role: role.name, policyArn: BILLING_POLICY }, { provider, parent: role });
        }
        if (trust.kind === "account") {
            grantAssume(name, role, trust.groups, trust.users, trust.requireMfa, provider);
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

/**
 * For trust kind "identity-center": the inline policy each permission set needs (the trust names
 * the account, so the permission set's own policy must allow the step), keyed by permission set.
 */
export function permissionSetInlinePolicies(org: Organization, enabled: ManagementRole[]): Record<string, string> {
    const byPermissionSet = new Map<string, string[]>();
    for (const key of enabled) {
        const trust = trustOf(org, key);
        if (trust.kind === "identity-center") {
            for (const set of trust.permissionSets) {
                byPermissionSet.set(set, [...(byPermissionSet.get(set) ?? []), managementRoleArn(org, key)]);
            }
        }
    }
    return Object.fromEntries([...byPermissionSet].map(([set, arns]) => [set, JSON.stringify(assumeManagementRolePolicy(arns.length === 1 ? arns[0] : arns, false))]));
}

/** Role ARNs as outputs, for the exports. */
export function roleArns(roles: ManagementRoles): Record<string, pulumi.Output<string>> {
    return Object.fromEntries(Object.entries(roles.roles).map(([k, r]) => [k, r!.arn]));
}
