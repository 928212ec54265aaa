import Ajv, { ValidateFunction } from "ajv";
import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { DEFAULT_PACKAGES } from "./resource-scope";

/**
 * The config keys the policies share. Each policy declares, in its own `configSchema`, the keys it
 * reads, so `--policy-pack-config` repeats e.g. `managementAccountId` per policy (the engine hands
 * each policy only its own block). `guardrail policy-config` (or `npm run policy-config` in this repository) writes that file from the organisation map.
 */
export interface GuardrailConfig {
    managementAccountId: string;
    allowedAccountIds: string[];
    packages: string[];
    allowUnknownTargetAtPreview: boolean;
    managementProjects: string[];
}

export type ConfigKey = keyof GuardrailConfig;

const ACCOUNT_ID_PATTERN = "^[0-9]{12}$";

const PROPERTIES: Record<ConfigKey, PolicyConfigJSONSchema> = {
    managementAccountId: {
        type: "string",
        pattern: ACCOUNT_ID_PATTERN,
        description: "The 12-digit id of the management account, where no workload may act.",
    },
    allowedAccountIds: {
        type: "array",
        items: { type: "string", pattern: ACCOUNT_ID_PATTERN },
        uniqueItems: true,
        default: [],
        description: "When not empty, the only accounts a provider may act in.",
    },
    packages: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_PACKAGES],
        description: "Pulumi packages whose resources reach AWS.",
    },
    allowUnknownTargetAtPreview: {
        type: "boolean",
        default: false,
        description: "Report a provider whose target account is unknown at preview as advisory instead of mandatory.",
    },
    managementProjects: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Pulumi projects allowed to act in the management account (the account setup itself).",
    },
};

/** A `configSchema` holding exactly `keys`; `required` ones must be given. */
export function configSchema(keys: ConfigKey[], required: ConfigKey[] = []): PolicyConfigSchema {
    const properties: Record<string, PolicyConfigJSONSchema> = {};
    for (const key of keys) {
        properties[key] = PROPERTIES[key];
    }
    return required.length > 0 ? { properties, required } : { properties };
}

const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
const compiled = new WeakMap<PolicyConfigSchema, ValidateFunction>();

export type ConfigResult<K extends ConfigKey> = { ok: true; config: Pick<GuardrailConfig, K> } | { ok: false; error: string };

/**
 * Config changes only on `Configure`, but policies read it per resource. `getConfig()` hands out a
 * fresh shallow copy of the same config each time (@pulumi/policy `makeGetConfigFun`), so a copy whose
 * values are the very same ones as last time has the same verdict; a new `Configure` brings new values.
 */
const lastVerdict = new WeakMap<PolicyConfigSchema, { raw: Record<string, unknown>; verdict: ConfigResult<ConfigKey> }>();

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/**
 * Validates a policy's config against its own schema at run time. The engine validates too, but a
 * pack must not trust that: a missing or ill-formed config has to fail, never pass.
 * Unknown keys are rejected here so that a typo does not silently fall back to a default.
 */
export function readConfig<K extends ConfigKey>(schema: PolicyConfigSchema, raw: Record<string, unknown>): ConfigResult<K> {
    const last = lastVerdict.get(schema);
    if (last && sameValues(last.raw, raw)) {
        return last.verdict as ConfigResult<K>;
    }
    const verdict = validateConfig(schema, raw);
    lastVerdict.set(schema, { raw: { ...raw }, verdict });
    return verdict as ConfigResult<K>;
}

function validateConfig(schema: PolicyConfigSchema, raw: Record<string, unknown>): ConfigResult<ConfigKey> {
    let validate = compiled.get(schema);
    if (!validate) {
        validate = ajv.compile({ type: "object", additionalProperties: false, ...schema });
        compiled.set(schema, validate);
    }
    const config = structuredClone(raw);
    if (validate(config)) {
        // ajv has just checked the shape against the schema built from GuardrailConfig's keys.
        return { ok: true, config: Object.freeze(config) as unknown as GuardrailConfig };
    }
    const problems = (validate.errors ?? []).map((e) => {
        if (e.keyword === "additionalProperties") {
            return `unknown key "${String(e.params.additionalProperty)}"`;
        }
        const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "config";
        return `${where} ${e.message ?? "is invalid"}`;
    });
    return { ok: false, error: problems.join("; ") };
}
