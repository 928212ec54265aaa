import type { NewAccount } from "./aws-organizations";
import type { Organization, SubAccount } from "./organization";
import { configuredManagementRoles, ManagementRole, managementRoleName, PULUMI_ROLES, SUB_ACCOUNT_ROLES, targetsOf } from "./role-mapping";
import type { RoleTrust } from "./sign-in";

/**
 * The picture of the organisation `guardrail org-map` draws: who can reach what, from the map alone.
 * People's entry (IAM groups/users, SAML, OIDC, Identity Center) -> management roles -> sub-account
 * roles, accounts grouped per environment (per OU when AWS Organizations is on), and Pulumi state.
 * Pure functions of the loaded map, so the README's diagram can be checked against the map.
 */
export type OrgMapFormat = "mermaid" | "text";
export const ORG_MAP_FORMATS: readonly OrgMapFormat[] = ["mermaid", "text"];

interface Entry {
    /** Identifies the way in across roles (one node per IAM group, even when it reaches two roles). */
    id: string;
    label: string;
    /** Edge label: how the step is taken (MFA, the OIDC subjects). */
    via?: string;
}

/** The ways in to one management role. */
function entriesOf(trust: RoleTrust): Entry[] {
    switch (trust.kind) {
        case "account": {
            const via = trust.requireMfa ? "MFA" : undefined;
            return [...trust.groups.map((g) => ({ id: `group ${g}`, label: `IAM group ${g}`, via })), ...trust.users.map((u) => ({ id: `user ${u}`, label: `IAM user ${u}`, via }))];
        }
        case "saml":
            return [{ id: `saml ${trust.providerArn}`, label: `SAML ${trust.providerArn.replace(/^.*:saml-provider\//, "")}` }];
        case "oidc":
            return [{ id: `oidc ${trust.providerArn}`, label: `OIDC ${trust.providerArn.replace(/^.*:oidc-provider\//, "")}`, via: trust.subjects.join(", ") }];
        case "identity-center":
            return trust.permissionSets.map((p) => ({ id: `sso ${p}`, label: `Identity Center permission set ${p}` }));
    }
}

interface Group {
    /** An OU (Organizations on), an environment (off), or the accounts outside the organisation. */
    label: string;
    /** Its accounts are members of the organisation (it is an OU). */
    member: boolean;
    accounts: { name: string; accountId?: string; member: boolean }[];
}

function accountGroups(org: Organization): Group[] {
    const byEnvironment = (list: (SubAccount | NewAccount)[], label: (env: string) => string, member: boolean): Group[] => {
        const groups = new Map<string, Group>();
        for (const a of list) {
            const group = groups.get(a.environment) ?? { label: label(a.environment), member, accounts: [] };
            group.accounts.push({ name: a.name, accountId: "accountId" in a ? a.accountId : undefined, member });
            groups.set(a.environment, group);
        }
        return [...groups.values()];
    };
    if (!org.organizations) {
        return byEnvironment(org.subAccounts, (env) => `environment ${env}`, false);
    }
    const members = [...org.subAccounts.filter((a) => a.inOrganization), ...org.organizations.newAccounts];
    const outside = org.subAccounts.filter((a) => !a.inOrganization);
    return [
        ...byEnvironment(members, (env) => `OU ${env} (baseline SCP)`, true),
        ...(outside.length > 0 ? [{ label: "outside the organisation", member: false, accounts: outside.map((a) => ({ name: a.name, accountId: a.accountId, member: false })) }] : []),
    ];
}

const stateAccess = (role: ManagementRole) => (PULUMI_ROLES.includes(role) ? "read/write" : "read");

/** Mermaid labels in double quotes; a quote is written as an entity. */
const label = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;

/** Node ids are positional (in0, acct2, ...), so no name in the map can make two of them collide. */
export function renderMermaid(org: Organization): string {
    const roles = configuredManagementRoles(org);
    const lines = ["flowchart LR"];
    const edges: string[] = [];
    const roleNode = (role: ManagementRole) => `m_${role}`;

    const entryNodes = new Map<string, { node: string; entry: Entry }>();
    for (const role of roles) {
        for (const entry of entriesOf(org.signIn[role]!)) {
            const known = entryNodes.get(entry.id) ?? { node: `in${entryNodes.size}`, entry };
            entryNodes.set(entry.id, known);
            edges.push(`  ${known.node} -->${entry.via ? `|${label(entry.via)}|` : ""} ${roleNode(role)}`);
        }
    }
    lines.push(`  subgraph signin[${label("Sign-in")}]`, ...[...entryNodes.values()].map(({ node, entry }) => `    ${node}[${label(entry.label)}]`), "  end");

    // SCPs never apply to the management account, which is why it is drawn outside the OUs.
    lines.push(`  subgraph mgmt[${label(`${org.management.name} ${org.management.accountId}`)}]`);
    lines.push(...roles.map((role) => `    ${roleNode(role)}[${label(managementRoleName(org, role))}]`));
    lines.push(`    state[(${label(`Pulumi state s3://${org.stateBackend.bucket}`)})]`);
    if (org.organizations) {
        lines.push(`    setup[${label("setup credentials (break-glass)")}]`);
    }
    lines.push("  end");
    edges.push(...roles.map((role) => `  ${roleNode(role)} -.->|${label(stateAccess(role))}| state`));

    const accountNodes = new Map<string, string>();
    const drawGroup = (group: Group, g: number, indent: string) => {
        lines.push(`${indent}subgraph env${g}[${label(group.label)}]`);
        for (const account of group.accounts) {
            const node = `acct${accountNodes.size}`;
            accountNodes.set(account.name, node);
            lines.push(`${indent}  subgraph ${node}[${label(account.accountId ? `${account.name} ${account.accountId}` : `${account.name} (to be created)`)}]`);
            if (account.accountId) {
                lines.push(...SUB_ACCOUNT_ROLES.map((r) => `${indent}    ${node}_${r}[${label(org.roles.subAccount[r])}]`));
            }
            if (account.member && org.organizations) {
                lines.push(`${indent}    ${node}_access[${label(org.organizations.accessRoleName)}]`);
                edges.push(`  setup --> ${node}_access`);
            }
            lines.push(`${indent}  end`);
        }
        lines.push(`${indent}end`);
    };
    const groups = accountGroups(org);
    const inside = groups.filter((g) => g.member);
    if (org.organizations) {
        lines.push(`  subgraph root[${label("Organization root")}]`);
        inside.forEach((group, g) => drawGroup(group, g, "    "));
        lines.push("  end");
    }
    groups.filter((g) => !g.member).forEach((group, g) => drawGroup(group, inside.length + g, "  "));
    for (const role of roles) {
        edges.push(...targetsOf(org, role).map((t) => `  ${roleNode(role)} --> ${accountNodes.get(t.account.name)}_${t.role}`));
    }
    return [...lines, ...edges].join("\n") + "\n";
}

export function renderText(org: Organization): string {
    const roles = configuredManagementRoles(org);
    const out = [`organisation ${org.organization}: management account ${org.management.name} (${org.management.accountId})`, "", "who can reach what"];
    for (const role of roles) {
        const entries = entriesOf(org.signIn[role]!);
        const via = entries.map((e) => (e.via ? `${e.label} (${e.via})` : e.label)).join(", ");
        out.push(`  ${managementRoleName(org, role)} <- ${via || "nobody yet (no group, user or provider named)"}`);
        const targets = targetsOf(org, role);
        const environments = [...new Set(targets.map((t) => t.account.environment))];
        for (const env of environments) {
            const reached = targets.filter((t) => t.account.environment === env).map((t) => `${t.account.name} ${org.roles.subAccount[t.role]}`);
            out.push(`    ${env}: ${reached.join(", ")}`);
        }
        out.push(`    Pulumi state s3://${org.stateBackend.bucket}: ${stateAccess(role)}`);
    }
    out.push("", org.organizations ? `AWS Organizations (access role ${org.organizations.accessRoleName}, baseline SCP on every OU)` : "accounts (AWS Organizations not used)");
    for (const group of accountGroups(org)) {
        out.push(`  ${group.label}`, ...group.accounts.map((a) => `    ${a.name} ${a.accountId ?? "(to be created)"}`));
    }
    return out.join("\n") + "\n";
}

export function renderOrganizationMap(org: Organization, format: OrgMapFormat): string {
    return format === "mermaid" ? renderMermaid(org) : renderText(org);
}
