import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadOrganization, roleArn, SUB_ACCOUNT_ROLES, SubAccount, subAccountNamed } from "@guardrails/organization";
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
const defaultTags = { tags: { "managed-by": "pulumi", project: pulumi.getProject() } };

type Access = "organization" | "account";

/**
 * How this stack reaches its account: from the management account through the organisation's
 * access role for members of the organisation, with the account's own credentials otherwise.
 * `bootstrap-subaccount:access: account` keeps the old way for a member that lacks the access role
 * (an invited account, which Organizations did not create).
 */
function accessOf(target: SubAccount): Access {
    const configured = config.get("access");
    if (configured !== undefined && configured !== "organization" && configured !== "account") {
        throw new pulumi.RunError(`bootstrap-subaccount: access must be organization or account (got ${JSON.stringify(configured)})`);
    }
    if (configured === "organization" && !target.inOrganization) {
        throw new pulumi.RunError(`bootstrap-subaccount: ${target.name} is not a member of the organisation in the organisation map, so it cannot be reached through the access role`);
    }
    return (configured as Access | undefined) ?? (target.inOrganization ? "organization" : "account");
}

/** Run with the management account's setup credentials; the provider assumes the access role and refuses any other account. */
function throughOrganization(target: SubAccount, accessRoleName: string): aws.Provider {
    return new aws.Provider(target.name, {
        region,
        assumeRoles: [{ roleArn: roleArn(target.accountId, accessRoleName), sessionName: "bootstrap-subaccount" }],
        allowedAccountIds: [target.accountId],
        defaultTags,
    });
}

/** Run with the sub-account's own credentials (it creates the roles the management roles will use); allowedAccountIds refuses any other account. */
function withOwnCredentials(target: SubAccount): aws.Provider {
    // guardrail-ignore-next-line require-provider-assume-role -- outside the organisation, first setup of a sub-account uses its own credentials, pinned by allowedAccountIds
    return new aws.Provider(target.name, { region, allowedAccountIds: [target.accountId], defaultTags });
}

const access = accessOf(account);
// Same provider name in both modes: switching a stack between them updates the provider (assumeRoles
// is not a replace-forcing setting), so its roles are not recreated.
const provider = access === "organization" && org.organizations ? throughOrganization(account, org.organizations.accessRoleName) : withOwnCredentials(account);

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
/** organization: run from the management account through the access role; account: with the account's own credentials. */
export const accessMode = access;
export const accountAlias = account.alias;
export const roleArns = Object.fromEntries(Object.entries(roles).map(([k, r]) => [k, r.arn]));
/** Console Switch Role links, using the alias. */
export const switchRoleUrls = Object.fromEntries(
    SUB_ACCOUNT_ROLES.map((key) => [key, `https://signin.aws.amazon.com/switchrole?account=${account.alias}&roleName=${org.roles.subAccount[key]}&displayName=${account.name}-${key}`]),
);
