import { ACCOUNT_ID, Checker, IAM_NAME, isObject, Json } from "./checker";
import type { ManagementRole } from "./role-mapping";

/**
 * How people (and CI) reach each management role: the map's `signIn` section, resolved per role.
 * bootstrap/management turns it into trust policies and group/user grants, `guardrail org-map`
 * into the first column of the picture.
 */
export type RoleTrust =
    /** IAM groups/users of the management account, given sts:AssumeRole on the role; MFA on this first hop. */
    | { kind: "account"; requireMfa: boolean; groups: string[]; users: string[] }
    | { kind: "saml"; providerArn: string }
    | { kind: "oidc"; providerArn: string; audience: string; subjects: string[] }
    /** The management account's roles of these IAM Identity Center permission sets. */
    | { kind: "identity-center"; permissionSets: string[] };

export type TrustKind = RoleTrust["kind"];
export const TRUST_KINDS: readonly TrustKind[] = ["account", "saml", "oidc", "identity-center"];

/** Permission-set names: IAM name characters, at most 32 (AWSReservedSSO_<name>_<suffix> must fit 64). */
const PERMISSION_SET = /^[\w+=,.@-]{1,32}$/;
const SUBJECT = /^\S{1,256}$/;

/** Keys each kind takes at the top of `signIn` (per-role maps) and in a `signIn.roles.<role>` override. */
const TOP_KEYS: Record<TrustKind, string[]> = {
    account: ["kind", "requireMfa", "groups", "users", "roles"],
    saml: ["kind", "providerArn", "roles"],
    oidc: ["kind", "providerArn", "audience", "subjects", "roles"],
    "identity-center": ["kind", "permissionSets", "roles"],
};
const ROLE_KEYS: Record<TrustKind, string[]> = {
    account: ["kind", "requireMfa", "groups", "users"],
    saml: ["kind", "providerArn"],
    oidc: ["kind", "providerArn", "audience", "subjects"],
    "identity-center": ["kind", "permissionSets"],
};

interface Context {
    c: Checker;
    managementAccountId: string;
    /** The management roles the map configures, with their IAM names (for messages). */
    roles: Partial<Record<ManagementRole, string>>;
}

function readKind(ctx: Context, where: string, v: unknown): TrustKind | undefined {
    const kind = v ?? "account";
    if (typeof kind !== "string" || !TRUST_KINDS.includes(kind as TrustKind)) {
        ctx.c.problems.push(`${where}.kind: ${JSON.stringify(kind)} is not one of ${TRUST_KINDS.join(", ")}`);
        return undefined;
    }
    return kind as TrustKind;
}

/** A SAML or OIDC provider of the management account (people sign in there, nowhere else). */
function providerArn(ctx: Context, where: string, v: unknown, type: "saml-provider" | "oidc-provider"): string {
    const pattern = new RegExp(`^arn:aws[a-z-]*:iam::(\\d{12}):${type}/[\\w./:-]+$`);
    const arn = ctx.c.string(`${where}.providerArn`, v, pattern, `the ARN of an IAM ${type}`);
    const account = pattern.exec(arn)?.[1];
    if (account && ACCOUNT_ID.test(account) && account !== ctx.managementAccountId) {
        ctx.c.problems.push(`${where}.providerArn: ${arn} is in account ${account}, not the management account ${ctx.managementAccountId}`);
    }
    return arn;
}

function permissionSets(ctx: Context, where: string, v: unknown): string[] {
    if (typeof v === "string") {
        return [ctx.c.string(where, v, PERMISSION_SET, "a permission-set name")];
    }
    return ctx.c.list(where, v, PERMISSION_SET, "permission-set name", true);
}

/** The per-role maps of the top level (`groups.admin`, `permissionSets.billing`): keys must be configured roles. */
function perRole(ctx: Context, where: string, v: unknown): Json {
    if (v === undefined) {
        return {};
    }
    const map = ctx.c.object(where, v);
    ctx.c.noUnknownKeys(where, map, Object.keys(ctx.roles));
    return map;
}

type Field = (key: string) => { where: string; value: unknown };

/** One role's trust from a block of `kind`'s keys; `field` finds a per-role field (top level) or the block's own. */
function trustFor(ctx: Context, where: string, kind: TrustKind, block: Json, field: Field, role: ManagementRole): RoleTrust {
    const { c } = ctx;
    const names = (key: string, what: string) => {
        const f = field(key);
        return f.value === undefined ? [] : c.list(f.where, f.value, IAM_NAME, what);
    };
    switch (kind) {
        case "account":
            return { kind, requireMfa: c.boolean(`${where}.requireMfa`, block.requireMfa, true), groups: names("groups", "IAM group name"), users: names("users", "IAM user name") };
        case "saml":
            return { kind, providerArn: providerArn(ctx, where, block.providerArn, "saml-provider") };
        case "oidc":
            return {
                kind,
                providerArn: providerArn(ctx, where, block.providerArn, "oidc-provider"),
                audience: c.string(`${where}.audience`, block.audience, /^\S{1,256}$/, "an OIDC audience"),
                subjects: c.list(`${where}.subjects`, block.subjects, SUBJECT, "subject pattern", true),
            };
        case "identity-center": {
            const sets = field("permissionSets");
            if (sets.value === undefined) {
                c.problems.push(`${sets.where}: no permission set named for ${role} (${ctx.roles[role]})`);
                return { kind, permissionSets: [] };
            }
            return { kind, permissionSets: permissionSets(ctx, sets.where, sets.value) };
        }
    }
}

/**
 * Reads `signIn`. Absent, every role is reached by IAM principals of the management account with MFA
 * (and nobody is granted that yet). `roles` overrides the kind for single roles, e.g. a CI role via OIDC.
 */
export function readSignIn(c: Checker, raw: unknown, roles: Partial<Record<ManagementRole, string>>, managementAccountId: string): Partial<Record<ManagementRole, RoleTrust>> {
    const ctx: Context = { c, managementAccountId, roles };
    const v = raw === undefined ? {} : c.object("signIn", raw);
    const kind = readKind(ctx, "signIn", v.kind);
    if (!kind) {
        return {};
    }
    c.noUnknownKeys("signIn", v, TOP_KEYS[kind]);
    const maps: Record<string, Json> = {};
    for (const key of ["groups", "users", "permissionSets"]) {
        maps[key] = perRole(ctx, `signIn.${key}`, v[key]);
    }
    const overrides = perRole(ctx, "signIn.roles", v.roles);

    const out: Partial<Record<ManagementRole, RoleTrust>> = {};
    for (const role of Object.keys(roles) as ManagementRole[]) {
        const override = overrides[role];
        if (override !== undefined) {
            const where = `signIn.roles.${role}`;
            const block = c.object(where, override);
            const roleKind = readKind(ctx, where, block.kind);
            if (roleKind) {
                c.noUnknownKeys(where, block, ROLE_KEYS[roleKind]);
                out[role] = trustFor(ctx, where, roleKind, block, (key) => ({ where: `${where}.${key}`, value: block[key] }), role);
            }
            continue;
        }
        out[role] = trustFor(ctx, "signIn", kind, v, (key) => ({ where: `signIn.${key}.${role}`, value: isObject(maps[key]) ? maps[key][role] : undefined }), role);
    }
    return out;
}
