import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NewAccount, Organization, OrganizationsSettings, SubAccount } from "@guardrails/organization";
import { baselineServiceControlPolicy, SCP_MAX_CHARACTERS } from "./service-control-policies";
import type { ManagementSettings } from "./settings";

export interface OrganizationStructure {
    units: Record<string, aws.organizations.OrganizationalUnit>;
    accounts: Record<string, aws.organizations.Account>;
    baseline: aws.organizations.Policy;
}

type OrganizationFacts = Pick<aws.organizations.GetOrganizationResult, "featureSet" | "enabledPolicyTypes" | "roots">;

/**
 * The organisation's root, once it is known to take SCPs. The organisation itself is not managed
 * here: it usually predates this program and other services (Identity Center, Control Tower) depend
 * on its settings, which a program that adopted it would have to restate exactly.
 */
export function rootIdOf(organization: OrganizationFacts): string {
    if (organization.featureSet !== "ALL") {
        throw new Error(`the organisation has feature set ${organization.featureSet}; service control policies need all features (aws organizations enable-all-features)`);
    }
    const root = organization.roots?.[0];
    if (!root) {
        throw new Error("the organisation has no root");
    }
    const scps = (root.policyTypes ?? []).find((t) => t.type === "SERVICE_CONTROL_POLICY");
    if (scps?.status !== "ENABLED") {
        throw new Error(`service control policies are not enabled on root ${root.id} (aws organizations enable-policy-type --root-id ${root.id} --policy-type SERVICE_CONTROL_POLICY)`);
    }
    return root.id;
}

/** Environments in the order the map first names them. */
function environmentsOf(members: { environment: string }[]): string[] {
    return [...new Set(members.map((a) => a.environment))];
}

/**
 * From the map: an OU per environment, each member account in its environment's OU (existing ones
 * adopted through `import` with the id from the map, new ones created), and the baseline SCP on
 * every OU. Accounts are protected and never closed on deletion: removing one from the map fails at
 * the protection instead of closing an account.
 */
export function createOrganizationStructure(
    org: Organization,
    organizations: OrganizationsSettings,
    settings: ManagementSettings,
    organization: pulumi.Output<OrganizationFacts>,
    provider: aws.Provider,
): OrganizationStructure {
    const members: (SubAccount | NewAccount)[] = [...org.subAccounts.filter((a) => a.inOrganization), ...organizations.newAccounts];
    const rootId = organization.apply(rootIdOf);

    const units: OrganizationStructure["units"] = {};
    for (const environment of environmentsOf(members)) {
        units[environment] = new aws.organizations.OrganizationalUnit(`ou-${environment}`, { name: environment, parentId: rootId }, { provider });
    }

    const accounts: OrganizationStructure["accounts"] = {};
    for (const account of members) {
        const id = "accountId" in account ? account.accountId : undefined;
        accounts[account.name] = new aws.organizations.Account(
            `account-${account.name}`,
            {
                name: account.name,
                email: account.email!,
                parentId: units[account.environment].id,
                roleName: organizations.accessRoleName,
                iamUserAccessToBilling: "ALLOW",
                closeOnDeletion: false,
            },
            {
                provider,
                protect: true,
                // Organizations cannot read these back: after an import they would always differ, and a
                // change to either replaces the account (terraform-provider-aws organizations/account.go: ForceNew).
                ignoreChanges: ["roleName", "iamUserAccessToBilling"],
                ...(id ? { import: id } : {}),
            },
        );
    }

    const document = JSON.stringify(baselineServiceControlPolicy({ protectAuditServices: settings.organizationTrail, allowedRegions: organizations.allowedRegions }));
    if (document.length > SCP_MAX_CHARACTERS) {
        throw new pulumi.RunError(`bootstrap-management: the baseline SCP has ${document.length} characters; AWS accepts ${SCP_MAX_CHARACTERS}`);
    }
    const baseline = new aws.organizations.Policy(
        "guardrails-baseline",
        { name: `${org.organization}-guardrails-baseline`, type: "SERVICE_CONTROL_POLICY", description: "Baseline guardrails for member accounts (bootstrap-management)", content: document },
        { provider },
    );
    for (const [environment, unit] of Object.entries(units)) {
        new aws.organizations.PolicyAttachment(`guardrails-baseline-${environment}`, { policyId: baseline.id, targetId: unit.id }, { provider, parent: baseline });
    }
    return { units, accounts, baseline };
}
