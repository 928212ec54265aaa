import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";

/** Where the bundled map lives; `GUARDRAILS_ORG_MAP` points elsewhere. */
export const DEFAULT_ORGANIZATION_MAP = path.resolve(__dirname, "..", "organization.yaml");

export interface Account {
    name: string;
    accountId: string;
    /** Account alias, used by the console's Switch Role. */
    alias: string;
}

export interface SubAccount extends Account {
    /** e.g. dev, prod: decides which management roles may reach it. */
    environment: string;
}

export interface RoleNames {
    management: { admin: string; billing: string; developer: string };
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
    subAccounts: SubAccount[];
    roles: RoleNames;
    stateBackend: StateBackend;
    /** Pulumi projects allowed to act in the management account (the account setup). */
    managementProjects: string[];
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

const ACCOUNT_ID = /^\d{12}$/;
const NAME = /^[a-z][a-z0-9-]{0,62}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ALIAS = /^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$/;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Collects problems instead of throwing at the first, so one run shows every broken entry. */
class Checker {
    readonly problems: string[] = [];

    string(where: string, v: unknown, pattern: RegExp, what: string): string {
        if (typeof v === "number" && pattern === ACCOUNT_ID) {
            this.problems.push(`${where}: account id ${v} must be a quoted string (a YAML number loses leading zeros)`);
            return String(v);
        }
        if (typeof v !== "string" || !pattern.test(v)) {
            this.problems.push(`${where}: ${JSON.stringify(v ?? null)} is not ${what}`);
            return typeof v === "string" ? v : "";
        }
        return v;
    }

    object(where: string, v: unknown): Json {
        if (!isObject(v)) {
            this.problems.push(`${where}: expected a mapping, got ${JSON.stringify(v ?? null)}`);
            return {};
        }
        return v;
    }

    noUnknownKeys(where: string, v: Json, allowed: string[]): void {
        for (const key of Object.keys(v)) {
            if (!allowed.includes(key)) {
                this.problems.push(`${where}: unknown key "${key}" (expected one of ${allowed.join(", ")})`);
            }
        }
    }
}

function readAccount(c: Checker, where: string, raw: unknown, orgName: string): Account {
    const v = c.object(where, raw);
    const name = c.string(`${where}.name`, v.name, NAME, "a lower-case account name");
    const label = name ? `${where} (${name})` : where;
    const accountId = c.string(`${label}.accountId`, v.accountId, ACCOUNT_ID, "a 12-digit AWS account id");
    const alias =
        v.alias === undefined
            ? `${orgName}-${name}`
            : c.string(`${label}.alias`, v.alias, ALIAS, "a valid account alias (lower-case letters, digits, single hyphens)");
    return { name, accountId, alias };
}

function readRoles(c: Checker, raw: unknown): RoleNames {
    const v = c.object("roles", raw);
    c.noUnknownKeys("roles", v, ["management", "subAccount"]);
    const m = c.object("roles.management", v.management);
    const s = c.object("roles.subAccount", v.subAccount);
    c.noUnknownKeys("roles.management", m, ["admin", "billing", "developer"]);
    c.noUnknownKeys("roles.subAccount", s, ["admin", "billing"]);
    const role = (where: string, x: unknown) => c.string(where, x, ROLE_NAME, "an IAM role name");
    return {
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
}

/** Validates an already-parsed map. `source` names it in error messages. */
export function validateOrganization(raw: unknown, source: string): Organization {
    const c = new Checker();
    const v = c.object("(top level)", raw);
    c.noUnknownKeys("(top level)", v, [
        "organization",
        "defaultRegion",
        "management",
        "roles",
        "subAccounts",
        "stateBackend",
        "managementProjects",
    ]);
    const organization = c.string("organization", v.organization, NAME, "a lower-case organisation name");
    const defaultRegion = c.string("defaultRegion", v.defaultRegion, /^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region");
    const management = readAccount(c, "management", v.management, organization);
    c.noUnknownKeys("management", c.object("management", v.management), ["name", "accountId", "alias"]);
    const roles = readRoles(c, v.roles);
    const sb = c.object("stateBackend", v.stateBackend);
    c.noUnknownKeys("stateBackend", sb, ["bucket", "secretsKeyAlias"]);
    const stateBackend: StateBackend = {
        bucket: c.string("stateBackend.bucket", sb.bucket, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "a valid S3 bucket name"),
        secretsKeyAlias: c.string("stateBackend.secretsKeyAlias", sb.secretsKeyAlias, /^[a-zA-Z0-9/_-]{1,250}$/, "a KMS alias name (without alias/)"),
    };

    const subAccounts: SubAccount[] = [];
    if (!Array.isArray(v.subAccounts)) {
        c.problems.push(`subAccounts: expected a list of accounts`);
    } else {
        v.subAccounts.forEach((entry: unknown, i: number) => {
            const where = `subAccounts[${i}]`;
            const account = readAccount(c, where, entry, organization);
            const label = account.name ? `${where} (${account.name})` : where;
            const obj = isObject(entry) ? entry : {};
            c.noUnknownKeys(label, obj, ["name", "accountId", "alias", "environment"]);
            const environment = c.string(`${label}.environment`, obj.environment, NAME, "an environment name such as dev or prod");
            subAccounts.push({ ...account, environment });
        });
    }

    const seenNames = new Map<string, string>([[management.name, "management"]]);
    const seenIds = new Map<string, string>();
    subAccounts.forEach((a, i) => {
        const where = `subAccounts[${i}] (${a.name})`;
        if (a.accountId && a.accountId === management.accountId) {
            c.problems.push(`${where}: account id ${a.accountId} is the management account; it cannot also be a sub-account`);
        } else if (a.accountId && seenIds.has(a.accountId)) {
            c.problems.push(`${where}: account id ${a.accountId} is already used by ${seenIds.get(a.accountId)}`);
        }
        if (a.name && seenNames.has(a.name)) {
            c.problems.push(`${where}: name "${a.name}" is already used by ${seenNames.get(a.name)}`);
        }
        seenIds.set(a.accountId, where);
        seenNames.set(a.name, where);
    });

    let managementProjects: string[] = [];
    if (v.managementProjects !== undefined) {
        if (!Array.isArray(v.managementProjects) || !v.managementProjects.every((p) => typeof p === "string" && p.length > 0)) {
            c.problems.push(`managementProjects: expected a list of Pulumi project names`);
        } else {
            managementProjects = v.managementProjects as string[];
        }
    }

    if (c.problems.length > 0) {
        throw new OrganizationMapError(source, c.problems);
    }
    return { organization, defaultRegion, management, roles, stateBackend, subAccounts, managementProjects };
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
