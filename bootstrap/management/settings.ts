import * as pulumi from "@pulumi/pulumi";
import { MANAGEMENT_ROLES, ManagementRole, Organization } from "@guardrails/organization";

/** How people reach the management roles. */
export type TrustSettings =
    | { kind: "account" }
    | { kind: "saml"; providerArn: string }
    | { kind: "oidc"; providerArn: string; audience: string; subjects: string[] };

export interface ManagementSettings {
    region: string;
    trust: TrustSettings;
    /** Require MFA on the first hop (person -> management role); see README on role chaining. */
    requireMfa: boolean;
    maxSessionDurationSeconds: number;
    enableDeveloperRole: boolean;
    /** IAM groups / users of the management account allowed to assume each role (trust kind "account"). */
    groups: Record<ManagementRole, string[]>;
    users: Record<ManagementRole, string[]>;
    breakGlassUsers: string[];
    organizationTrail: boolean;
    /** Principals besides the root user and break-glass users that administer the secrets key. */
    keyAdministratorArns: string[];
}

const NAME = /^[\w+=,.@-]{1,64}$/;
const ARN = /^arn:aws[a-z-]*:iam::\d{12}:[\w+=,.@/-]+$/;

function fail(message: string): never {
    // RunError prints as a plain message, without a stack trace.
    throw new pulumi.RunError(`bootstrap-management config: ${message}`);
}

function nameList(value: unknown, where: string): string[] {
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && NAME.test(v))) {
        fail(`${where} must be a list of IAM names`);
    }
    return value as string[];
}

function perRole(value: unknown, where: string): Record<ManagementRole, string[]> {
    if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) {
        fail(`${where} must map admin/billing/developer to lists of names`);
    }
    const v = (value ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(v)) {
        if (!MANAGEMENT_ROLES.includes(key as ManagementRole)) {
            fail(`${where}.${key} is not a management role (admin, billing, developer)`);
        }
    }
    return { admin: nameList(v.admin, `${where}.admin`), billing: nameList(v.billing, `${where}.billing`), developer: nameList(v.developer, `${where}.developer`) };
}

function readTrust(value: unknown): TrustSettings {
    const v = (value ?? { kind: "account" }) as Record<string, unknown>;
    switch (v.kind) {
        case "account":
            return { kind: "account" };
        case "saml":
            if (typeof v.providerArn !== "string" || !ARN.test(v.providerArn)) {
                fail("trust.providerArn must be the SAML provider's ARN");
            }
            return { kind: "saml", providerArn: v.providerArn };
        case "oidc":
            if (typeof v.providerArn !== "string" || !ARN.test(v.providerArn) || typeof v.audience !== "string") {
                fail("trust needs providerArn (the OIDC provider's ARN) and audience");
            }
            return { kind: "oidc", providerArn: v.providerArn, audience: v.audience, subjects: nameListLoose(v.subjects, "trust.subjects") };
        default:
            return fail(`trust.kind must be account, saml or oidc (got ${JSON.stringify(v.kind)})`);
    }
}

function nameListLoose(value: unknown, where: string): string[] {
    if (!Array.isArray(value) || value.length === 0 || !value.every((s) => typeof s === "string" && s.length > 0)) {
        fail(`${where} must be a non-empty list of subject patterns`);
    }
    return value as string[];
}

export function readSettings(config: pulumi.Config, awsConfig: pulumi.Config, org: Organization): ManagementSettings {
    const maxSession = config.getNumber("maxSessionDurationSeconds") ?? 3600;
    if (!Number.isInteger(maxSession) || maxSession < 3600 || maxSession > 43200) {
        fail("maxSessionDurationSeconds must be a whole number from 3600 to 43200");
    }
    const keyAdministratorArns = config.getObject<unknown>("keyAdministratorArns") ?? [];
    if (!Array.isArray(keyAdministratorArns) || !keyAdministratorArns.every((a) => typeof a === "string" && ARN.test(a))) {
        fail("keyAdministratorArns must be a list of IAM ARNs");
    }
    return {
        region: awsConfig.get("region") ?? org.defaultRegion,
        trust: readTrust(config.getObject("trust")),
        requireMfa: config.getBoolean("requireMfa") ?? true,
        maxSessionDurationSeconds: maxSession,
        enableDeveloperRole: config.getBoolean("enableDeveloperRole") ?? true,
        groups: perRole(config.getObject("groups"), "groups"),
        users: perRole(config.getObject("users"), "users"),
        breakGlassUsers: nameList(config.getObject("breakGlassUsers"), "breakGlassUsers"),
        organizationTrail: config.getBoolean("organizationTrail") ?? false,
        keyAdministratorArns: keyAdministratorArns as string[],
    };
}
