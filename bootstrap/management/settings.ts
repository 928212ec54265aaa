import * as pulumi from "@pulumi/pulumi";
import { Organization } from "@guardrails/organization";

/**
 * The management stack's own settings. Who signs in to which role is not among them: that is the
 * organisation map's `signIn` section, so the map (and the picture `guardrail org-map` draws of it)
 * stays the one statement of who can reach what.
 */
export interface ManagementSettings {
    region: string;
    maxSessionDurationSeconds: number;
    enableDeveloperRole: boolean;
    breakGlassUsers: string[];
    organizationTrail: boolean;
    /** Principals besides the root user and break-glass users that administer the secrets key. */
    keyAdministratorArns: string[];
}

const NAME = /^[\w+=,.@-]{1,64}$/;
const ARN = /^arn:aws[a-z-]*:iam::\d{12}:[\w+=,.@/-]+$/;

/** Stack config keys that moved into the organisation map; set, they would silently be ignored. */
const MOVED_TO_THE_MAP = ["trust", "requireMfa", "groups", "users"];

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

export function readSettings(config: pulumi.Config, awsConfig: pulumi.Config, org: Organization): ManagementSettings {
    for (const key of MOVED_TO_THE_MAP) {
        if (config.get(key) !== undefined) {
            fail(`${key} is no longer stack config: sign-in is described in the organisation map (signIn.${key === "trust" ? "kind" : key}), see README "Account setup"`);
        }
    }
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
        maxSessionDurationSeconds: maxSession,
        enableDeveloperRole: config.getBoolean("enableDeveloperRole") ?? true,
        breakGlassUsers: nameList(config.getObject("breakGlassUsers"), "breakGlassUsers"),
        organizationTrail: config.getBoolean("organizationTrail") ?? false,
        keyAdministratorArns: keyAdministratorArns as string[],
    };
}
