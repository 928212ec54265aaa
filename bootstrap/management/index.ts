import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadOrganization } from "@guardrails/organization";
import { breakGlassArns, createBreakGlassUsers, createOrganizationTrail } from "./optional";
import { createManagementRoles, roleArns } from "./roles";
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
const state = createStateBackend(org, roles, [...breakGlassArns(org, settings.breakGlassUsers), ...settings.keyAdministratorArns], provider);
const trail = settings.organizationTrail ? createOrganizationTrail(org, settings.region, provider) : undefined;

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
