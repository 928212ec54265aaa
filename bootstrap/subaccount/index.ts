import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadOrganization, SUB_ACCOUNT_ROLES, SubAccount, subAccountNamed } from "@guardrails/organization";
import { subAccountTrustPolicy } from "./policies";

/** The AWS managed policy each sub-account role gets. */
const MANAGED_POLICIES = {
    admin: "arn:aws:iam::aws:policy/AdministratorAccess",
    billing: "arn:aws:iam::aws:policy/job-function/Billing",
} as const;

// Role chaining (Management-Admin -> Admin) caps sessions at one hour anyway.
const MAX_SESSION_SECONDS = 3600;

const org = loadOrganization();
const config = new pulumi.Config();
/** The stack's sub-account (config `account`, else the stack name); a clear error otherwise. */
function stackAccount(): SubAccount {
    try {
        return subAccountNamed(org, config.get("account") ?? pulumi.getStack());
    } catch (e) {
        throw new pulumi.RunError(`bootstrap-subaccount: ${(e as Error).message}`);
    }
}
const account = stackAccount();
const region = new pulumi.Config("aws").get("region") ?? org.defaultRegion;

// Runs with the sub-account's own credentials (it creates the roles the management roles will use),
// so it assumes no role; allowedAccountIds makes the provider refuse any other account.
// guardrail-ignore-next-line require-provider-assume-role -- first setup of a sub-account uses its own credentials, pinned by allowedAccountIds
const provider = new aws.Provider(account.name, {
    region,
    allowedAccountIds: [account.accountId],
    defaultTags: { tags: { "managed-by": "pulumi", project: pulumi.getProject() } },
});

const roles = Object.fromEntries(
    SUB_ACCOUNT_ROLES.map((key) => {
        const name = org.roles.subAccount[key];
        const role = new aws.iam.Role(
            name,
            { name, assumeRolePolicy: JSON.stringify(subAccountTrustPolicy(org, account, key)), maxSessionDuration: MAX_SESSION_SECONDS, description: `${name} role, assumed from the management account` },
            { provider },
        );
        new aws.iam.RolePolicyAttachment(`${name}-managed`, { role: role.name, policyArn: MANAGED_POLICIES[key] }, { provider, parent: role });
        return [key, role];
    }),
);

new aws.iam.AccountAlias("alias", { accountAlias: account.alias }, { provider });

export const accountId = account.accountId;
export const accountAlias = account.alias;
export const roleArns = Object.fromEntries(Object.entries(roles).map(([k, r]) => [k, r.arn]));
/** Console Switch Role links, using the alias. */
export const switchRoleUrls = Object.fromEntries(
    SUB_ACCOUNT_ROLES.map((key) => [key, `https://signin.aws.amazon.com/switchrole?account=${account.alias}&roleName=${org.roles.subAccount[key]}&displayName=${account.name}-${key}`]),
);
