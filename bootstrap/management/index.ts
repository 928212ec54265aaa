import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadOrganization } from "@guardrails/organization";
import { breakGlassArns, createBreakGlassUsers, createOrganizationTrail } from "./optional";
import { createOrganizationStructure } from "./organizations";
import { createManagementRoles, enabledManagementRoles, permissionSetInlinePolicies, roleArns } from "./roles";
import { readSettings } from "./settings";
import { createStateBackend } from "./state-backend";

const org = loadOrganization();
const settings = readSettings(new pulumi.Config(), new pulumi.Config("aws"), org);

// This program is the one place that acts in the management account itself; it runs with the
// break-glass (or root) credentials of that account. The provider refuses any other account.
// guardrail-ignore-next-line require-provider-assume-role -- the account setup acts in the management account on purpose, pinned by allowedAccountIds
const provider = new aws.Provider("management", {
    region: settings.region,
    allowedAccountIds: [org.management.accountId],
    defaultTags: { tags: { "managed-by": "pulumi", project: pulumi.getProject() } },
});

const roles = createManagementRoles(org, settings, provider);
const breakGlass = createBreakGlassUsers(settings.breakGlassUsers, provider);
const state = createStateBackend(org, roles, [...breakGlassArns(org, settings.breakGlassUsers), ...settings.keyAdministratorArns], settings.region, provider);
// One look-up of the organisation for both the trail and the OU structure.
const organization = settings.organizationTrail || org.organizations ? aws.organizations.getOrganizationOutput({}, { provider }) : undefined;
const trail = organization && settings.organizationTrail ? createOrganizationTrail(org, settings.region, organization, provider) : undefined;
const structure = organization && org.organizations ? createOrganizationStructure(org, org.organizations, settings, organization, provider) : undefined;

const region = settings.region;
export const managementAccountId = org.management.accountId;
export const managementRoleArns = roleArns(roles);
export const stateBucket = state.bucket.bucket;
export const secretsKeyArn = state.key.arn;
export const secretsKeyAlias = state.alias.name;
export const pulumiLogin = pulumi.interpolate`pulumi login 's3://${state.bucket.bucket}?region=${region}&awssdk=v2'`;
export const secretsProvider = pulumi.interpolate`awskms://${state.alias.name}?region=${region}&awssdk=v2`;
/** Ready to paste after `pulumi stack init <stack>`. */
export const secretsProviderFlag = pulumi.interpolate`--secrets-provider 'awskms://${state.alias.name}?region=${region}&awssdk=v2'`;
export const breakGlassUsers = breakGlass.map((u) => u.name);
export const organizationTrailArn = trail?.arn;
/** Trust kind "identity-center": the inline policy to give each permission set (IAM Identity Center console or its own program). */
export const permissionSetPolicies = permissionSetInlinePolicies(org, enabledManagementRoles(org, settings));
export const organizationalUnitIds = structure ? Object.fromEntries(Object.entries(structure.units).map(([env, ou]) => [env, ou.id])) : undefined;
export const memberAccountIds = structure ? Object.fromEntries(Object.entries(structure.accounts).map(([name, a]) => [name, a.id])) : undefined;
/** Accounts this stack created: write each id into the organisation map (subAccounts[].accountId). */
export const createdAccountIds = structure
    ? Object.fromEntries((org.organizations?.newAccounts ?? []).map((a) => [a.name, structure.accounts[a.name].id]))
    : undefined;
export const baselineServiceControlPolicyId = structure?.baseline.id;
