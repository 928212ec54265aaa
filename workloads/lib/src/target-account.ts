import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadOrganization, Organization, roleArn, SubAccount, subAccountNamed } from "@guardrails/organization";

/**
 * "This stack targets account X" (stack config `guardrails:targetAccount: X`) turned into the one
 * provider every resource and invoke of the stack should use: it assumes X's Admin role from the
 * management session and pins allowedAccountIds to X, so even wrong ambient credentials cannot
 * reach another account. The management account is refused.
 */
export const CONFIG_NAMESPACE = "guardrails";

export interface TargetAccountOptions {
    /** Sub-account name from the organisation map; default: stack config guardrails:targetAccount. */
    account?: string;
    /** Default: stack config aws:region, else the organisation's default region. */
    region?: string;
    /** Default: the organisation map at its usual place (or GUARDRAILS_ORG_MAP). */
    organization?: Organization;
}

const cache = new Map<string, aws.Provider>();

export function targetAccount(options: TargetAccountOptions = {}): SubAccount {
    const org = options.organization ?? loadOrganization();
    const name = options.account ?? new pulumi.Config(CONFIG_NAMESPACE).get("targetAccount");
    if (!name) {
        throw new pulumi.RunError(`set the stack's target account: pulumi config set ${CONFIG_NAMESPACE}:targetAccount <sub-account name>`);
    }
    if (/^\d{12}$/.test(name) && name === org.management.accountId) {
        throw new pulumi.RunError(`${name} is the management account; workloads must target a sub-account`);
    }
    try {
        return subAccountNamed(org, name);
    } catch (e) {
        throw new pulumi.RunError((e as Error).message);
    }
}

/** The (cached) provider for the stack's target account. */
export function targetAccountProvider(options: TargetAccountOptions = {}): aws.Provider {
    const org = options.organization ?? loadOrganization();
    const account = targetAccount({ ...options, organization: org });
    const region = options.region ?? new pulumi.Config("aws").get("region") ?? org.defaultRegion;
    const key = `${account.accountId}/${region}`;
    let provider = cache.get(key);
    if (!provider) {
        provider = new aws.Provider(`${account.name}-${region}`, {
            region,
            assumeRoles: [{ roleArn: roleArn(account.accountId, org.roles.subAccount.admin), sessionName: `pulumi-${pulumi.getProject()}-${pulumi.getStack()}`.slice(0, 64) }],
            allowedAccountIds: [account.accountId],
            defaultTags: { tags: { "managed-by": "pulumi", project: pulumi.getProject(), stack: pulumi.getStack() } },
        });
        cache.set(key, provider);
    }
    return provider;
}
