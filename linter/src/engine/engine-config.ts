import { GuardrailError } from "../errors";
import Ajv from "ajv";

/**
 * What the engine does with `--policy-pack-config` before it calls `Configure`: merge the file over
 * each policy's defaults, apply the schema's defaults and validate every policy's block against its
 * `configSchema`. A pack never sees a config the engine rejected.
 */

export type EnforcementLevelName = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: readonly string[] = ["advisory", "mandatory", "disabled", "remediate"];

export interface PolicyDescription {
    name: string;
    enforcementLevel: EnforcementLevelName;
    configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface ReconciledPolicyConfig {
    enforcementLevel: EnforcementLevelName;
    properties: Record<string, unknown>;
}

/** The shape of a `--policy-pack-config` file. */
export type PolicyPackConfigFile = Record<string, unknown>;

export class PolicyConfigError extends GuardrailError {
    constructor(readonly problems: string[]) {
        super(`invalid policy pack configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "PolicyConfigError";
    }
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function reconcilePolicyConfig(
    policies: PolicyDescription[],
    file: PolicyPackConfigFile,
    options: { validate: boolean } = { validate: true },
): Map<string, ReconciledPolicyConfig> {
    const problems: string[] = [];
    const known = new Set(policies.map((p) => p.name));
    for (const key of Object.keys(file)) {
        if (key !== "all" && !known.has(key)) {
            problems.push(`"${key}" is not a policy of this pack (known: ${[...known].join(", ")})`);
        }
    }
    let all: EnforcementLevelName | undefined;
    if (file.all !== undefined) {
        if (typeof file.all === "string" && LEVELS.includes(file.all)) {
            all = file.all as EnforcementLevelName;
        } else {
            problems.push(`all: ${JSON.stringify(file.all)} is not an enforcement level (${LEVELS.join(", ")})`);
        }
    }

    const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
    const result = new Map<string, ReconciledPolicyConfig>();
    for (const policy of policies) {
        let enforcementLevel = all ?? policy.enforcementLevel;
        let properties: Record<string, unknown> = {};
        const entry = file[policy.name];
        if (typeof entry === "string") {
            if (LEVELS.includes(entry)) {
                enforcementLevel = entry as EnforcementLevelName;
            } else {
                problems.push(`${policy.name}: "${entry}" is not an enforcement level`);
            }
        } else if (isObject(entry)) {
            const { enforcementLevel: level, ...rest } = entry;
            if (level !== undefined) {
                if (typeof level === "string" && LEVELS.includes(level)) {
                    enforcementLevel = level as EnforcementLevelName;
                } else {
                    problems.push(`${policy.name}.enforcementLevel: ${JSON.stringify(level)} is not an enforcement level`);
                }
            }
            properties = rest;
        } else if (entry !== undefined) {
            problems.push(`${policy.name}: expected an enforcement level or an object`);
        }
        if (options.validate && policy.configSchema && enforcementLevel !== "disabled") {
            const validate = ajv.compile({ type: "object", ...policy.configSchema });
            if (!validate(properties)) {
                for (const e of validate.errors ?? []) {
                    const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "";
                    problems.push(`${policy.name}${where ? "." + where : ""}: ${e.message ?? "is invalid"}`);
                }
            }
        }
        result.set(policy.name, { enforcementLevel, properties });
    }
    if (problems.length > 0) {
        throw new PolicyConfigError(problems);
    }
    return result;
}
