import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { NewAccount, OrganizationsSettings, readOrganizations } from "./aws-organizations";
import { ACCOUNT_ID, ALIAS, Checker, EMAIL, isObject, Json, NAME, REGION, ROLE_NAME } from "./checker";
import { checkEnvironment, readEnvironments } from "./environments";
import type { ManagementRole } from "./role-mapping";
import { readSignIn, RoleTrust } from "./sign-in";

/** Where the bundled map lives; `GUARDRAILS_ORG_MAP` points elsewhere. */
export const DEFAULT_ORGANIZATION_MAP = path.resolve(__dirname, "..", "organization.yaml");

export interface Account {
    name: string;
    accountId: string;
    /** Account alias, used by the console's Switch Role. */
    alias: string;
}

export interface SubAccount extends Account {
    /** e.g. dev, prod: decides which management roles may reach it (and its OU with Organizations). */
    environment: string;
    /** Member of the AWS organisation: the map has `organizations` and the entry does not say `inOrganization: false`. */
    inOrganization: boolean;
    /** The owner's email, for members (`aws.organizations.Account`). */
    email?: string;
}

export interface RoleNames {
    /** `auditor` is optional: the read-only state role exists only when the map names it. */
    management: { admin: string; billing: string; developer: string; auditor?: string };
    subAccount: { admin: string; billing: string };
}

export interface StateBackend {
    /** S3 bucket for Pulumi state (in the management account). */
    bucket: string;
    /** Alias (without `alias/`) of the KMS key that encrypts Pulumi secrets. */
    secretsKeyAlias: string;
}

export interface Organization {
    organization: string;
    defaultRegion: string;
    management: Account;
    /** Accounts with an id. Members still to be created are in `organizations.newAccounts`. */
    subAccounts: SubAccount[];
    roles: RoleNames;
    /** How each configured management role is reached (the map's `signIn`, resolved per role). */
    signIn: Partial<Record<ManagementRole, RoleTrust>>;
    stateBackend: StateBackend;
    /** Pulumi projects allowed to act in the management account (the account setup). */
    managementProjects: string[];
    /** AWS Organizations, when the map opts in. */
    organizations?: OrganizationsSettings;
}

/** A map that cannot be used; `problems` names each offending entry. */
export class OrganizationMapError extends Error {
    constructor(
        readonly source: string,
        readonly problems: string[],
    ) {
        super(`invalid organisation map ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "OrganizationMapError";
    }
}

function readName(c: Checker, where: string, v: Json): { name: string; label: string } {
    const name = c.string(`${where}.name`, v.name, NAME, "a lower-case account name");
    return { name, label: name ? `${where} (${name})` : where };
}

function readAlias(c: Checker, label: string, v: Json, orgName: string, name: string): string {
    return v.alias === undefined
        ? `${orgName}-${name}`
        : c.string(`${label}.alias`, v.alias, ALIAS, "a valid account alias (lower-case letters, digits, single hyphens)");
}

function readManagement(c: Checker, raw: unknown, orgName: string): Account {
    const v = c.object("management", raw);
    c.noUnknownKeys("management", v, ["name", "accountId", "alias"]);
    const { name, label } = readName(c, "management", v);
    const accountId = c.string(`${label}.accountId`, v.accountId, ACCOUNT_ID, "a 12-digit AWS account id");
    return { name, accountId, alias: readAlias(c, label, v, orgName, name) };
}

const SUB_ACCOUNT_KEYS = ["name", "accountId", "alias", "environment", "email", "inOrganization"];

/**
 * One `subAccounts` entry. With `organizations` on it is a member unless `inOrganization: false`;
 * a member needs an email, and a member without an id is one bootstrap/management is to create.
 */
function readSubAccount(c: Checker, where: string, raw: unknown, orgName: string, withOrganizations: boolean, environments: string[] | undefined): SubAccount | NewAccount {
    const v = c.object(where, raw);
    const { name, label } = readName(c, where, v);
    c.noUnknownKeys(label, v, SUB_ACCOUNT_KEYS);
    const alias = readAlias(c, label, v, orgName, name);
    const environment = c.string(`${label}.environment`, v.environment, NAME, "an environment name such as dev or prod");
    if (NAME.test(environment)) {
        checkEnvironment(c, `${label}.environment`, environment, environments);
    }
    if (!withOrganizations) {
        for (const key of ["email", "inOrganization"]) {
            if (v[key] !== undefined) {
                c.problems.push(`${label}.${key}: only used with the organizations section (AWS Organizations), which the map does not have`);
            }
        }
    }
    const inOrganization = withOrganizations && c.boolean(`${label}.inOrganization`, v.inOrganization, true);
    let email: string | undefined;
    if (inOrganization) {
        if (v.email === undefined) {
            c.problems.push(`${label}.email: required for a member of the organisation (the owner's address of its aws.organizations.Account)`);
        } else {
            email = c.string(`${label}.email`, v.email, EMAIL, "an email address (6 to 64 characters)");
        }
    } else if (withOrganizations && v.email !== undefined) {
        c.problems.push(`${label}.email: only used for members of the organisation (this entry says inOrganization: false)`);
    }
    if (v.accountId === undefined && inOrganization) {
        return { name, environment, email: email ?? "", alias };
    }
    const hint = withOrganizations && !inOrganization ? " (only members of the organisation may leave it out, to have it created)" : "";
    const accountId = c.string(`${label}.accountId`, v.accountId, ACCOUNT_ID, `a 12-digit AWS account id${hint}`);
    return { name, accountId, alias, environment, inOrganization, ...(email !== undefined ? { email } : {}) };
}

function readRoles(c: Checker, raw: unknown): RoleNames {
    const v = c.object("roles", raw);
    c.noUnknownKeys("roles", v, ["management", "subAccount"]);
    const m = c.object("roles.management", v.management);
    const s = c.object("roles.subAccount", v.subAccount);
    c.noUnknownKeys("roles.management", m, ["admin", "billing", "developer", "auditor"]);
    c.noUnknownKeys("roles.subAccount", s, ["admin", "billing"]);
    const role = (where: string, x: unknown) => c.string(where, x, ROLE_NAME, "an IAM role name");
    const roles: RoleNames = {
        management: {
            admin: role("roles.management.admin", m.admin),
            billing: role("roles.management.billing", m.billing),
            developer: role("roles.management.developer", m.developer),
        },
        subAccount: {
            admin: role("roles.subAccount.admin", s.admin),
            billing: role("roles.subAccount.billing", s.billing),
        },
    };
    if (m.auditor !== undefined) {
        roles.management.auditor = role("roles.management.auditor", m.auditor);
    }
    // Two roles of one account cannot share a name.
    for (const [group, names] of Object.entries(roles)) {
        c.unique(
            Object.entries(names as Record<string, string>).map(([key, value]) => ({ where: `roles.${group}.${key}`, value })),
            "role name",
        );
    }
    return roles;
}

function readManagementProjects(c: Checker, v: unknown): string[] {
    if (v === undefined) {
        return [];
    }
    if (!Array.isArray(v) || !v.every((p) => typeof p === "string" && p.length > 0)) {
        c.problems.push(`managementProjects: expected a list of Pulumi project names`);
        return [];
    }
    return v as string[];
}

/** The sections every map has (the others are optional). */
const REQUIRED_KEYS = ["organization", "defaultRegion", "management", "roles", "subAccounts", "stateBackend"];
const TOP_LEVEL_KEYS = ["organization", "defaultRegion", "management", "roles", "signIn", "environments", "subAccounts", "stateBackend", "managementProjects", "organizations"];

/** Validates an already-parsed map. `source` names it in error messages. */
export function validateOrganization(raw: unknown, source: string): Organization {
    // One message for a file with no map in it, rather than one per missing section.
    if (raw === null || raw === undefined) {
        throw new OrganizationMapError(source, [`the map is empty: expected the sections ${REQUIRED_KEYS.join(", ")} (bootstrap/organization/organization.yaml shows each)`]);
    }
    if (!isObject(raw)) {
        throw new OrganizationMapError(source, [`expected a mapping with the sections ${REQUIRED_KEYS.join(", ")}, got ${Array.isArray(raw) ? "a list" : JSON.stringify(raw)}`]);
    }
    const c = new Checker();
    const v = c.object("(top level)", raw);
    c.noUnknownKeys("(top level)", v, TOP_LEVEL_KEYS);
    const organization = c.string("organization", v.organization, NAME, "a lower-case organisation name");
    const defaultRegion = c.string("defaultRegion", v.defaultRegion, REGION, "an AWS region");
    const management = readManagement(c, v.management, organization);
    const roles = readRoles(c, v.roles);
    const signIn = readSignIn(c, v.signIn, roles.management, management.accountId);
    const sb = c.object("stateBackend", v.stateBackend);
    c.noUnknownKeys("stateBackend", sb, ["bucket", "secretsKeyAlias"]);
    const stateBackend: StateBackend = {
        bucket: c.string("stateBackend.bucket", sb.bucket, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "a valid S3 bucket name"),
        secretsKeyAlias: c.string("stateBackend.secretsKeyAlias", sb.secretsKeyAlias, /^[a-zA-Z0-9/_-]{1,250}$/, "a KMS alias name (without alias/)"),
    };
    const awsOrganizations = readOrganizations(c, v.organizations, defaultRegion);
    const environments = readEnvironments(c, v.environments);

    const subAccounts: SubAccount[] = [];
    const newAccounts: NewAccount[] = [];
    const entries: { where: string; account: SubAccount | NewAccount }[] = [];
    if (!Array.isArray(v.subAccounts)) {
        c.problems.push(`subAccounts: expected a list of accounts`);
    } else {
        v.subAccounts.forEach((entry: unknown, i: number) => {
            const account = readSubAccount(c, `subAccounts[${i}]`, entry, organization, awsOrganizations !== undefined, environments);
            entries.push({ where: `subAccounts[${i}] (${account.name})`, account });
            if ("accountId" in account) {
                subAccounts.push(account);
            } else {
                newAccounts.push(account);
            }
        });
    }

    const seenNames = new Map<string, string>([[management.name, "management"]]);
    const seenIds = new Map<string, string>();
    for (const { where, account: a } of entries) {
        if ("accountId" in a) {
            if (a.accountId && a.accountId === management.accountId) {
                c.problems.push(`${where}: account id ${a.accountId} is the management account; it cannot also be a sub-account`);
            } else if (a.accountId && seenIds.has(a.accountId)) {
                c.problems.push(`${where}: account id ${a.accountId} is already used by ${seenIds.get(a.accountId)}`);
            }
            seenIds.set(a.accountId, where);
        }
        if (a.name && seenNames.has(a.name)) {
            c.problems.push(`${where}: name "${a.name}" is already used by ${seenNames.get(a.name)}`);
        }
        seenNames.set(a.name, where);
    }
    c.unique(
        entries.map(({ where, account }) => ({ where, value: account.email ?? "" })),
        "email",
    );

    const managementProjects = readManagementProjects(c, v.managementProjects);
    if (c.problems.length > 0) {
        throw new OrganizationMapError(source, c.problems);
    }
    return {
        organization,
        defaultRegion,
        management,
        roles,
        signIn,
        stateBackend,
        subAccounts,
        managementProjects,
        ...(awsOrganizations ? { organizations: { ...awsOrganizations, newAccounts } } : {}),
    };
}

export function parseOrganization(text: string, source: string): Organization {
    let raw: unknown;
    try {
        raw = parseYaml(text);
    } catch (e) {
        const detail = e instanceof YAMLParseError ? e.message : String(e);
        throw new OrganizationMapError(source, [`not valid YAML: ${detail}`]);
    }
    return validateOrganization(raw, source);
}

/** Reads and validates the map at `file` (default: `GUARDRAILS_ORG_MAP`, else the bundled one). */
export function loadOrganization(file: string = process.env.GUARDRAILS_ORG_MAP || DEFAULT_ORGANIZATION_MAP): Organization {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? String(e);
        throw new OrganizationMapError(file, [`cannot read the file (${code})`]);
    }
    return parseOrganization(text, file);
}
