"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.configSchema = configSchema;
exports.readConfig = readConfig;
const ajv_1 = __importDefault(require("ajv"));
const resource_scope_1 = require("./resource-scope");
const ACCOUNT_ID_PATTERN = "^[0-9]{12}$";
const PROPERTIES = {
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
        default: [...resource_scope_1.DEFAULT_PACKAGES],
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
function configSchema(keys, required = []) {
    const properties = {};
    for (const key of keys) {
        properties[key] = PROPERTIES[key];
    }
    return required.length > 0 ? { properties, required } : { properties };
}
const ajv = new ajv_1.default({ useDefaults: true, allErrors: true, strict: false });
const compiled = new WeakMap();
/** Config changes only on `Configure`, but policies read it per resource: remember each verdict. */
const verdicts = new WeakMap();
/**
 * Validates a policy's config against its own schema at run time. The engine validates too, but a
 * pack must not trust that: a missing or ill-formed config has to fail, never pass.
 * Unknown keys are rejected here so that a typo does not silently fall back to a default.
 */
function readConfig(schema, raw) {
    let bySchema = verdicts.get(schema);
    if (!bySchema) {
        bySchema = new Map();
        verdicts.set(schema, bySchema);
    }
    const key = JSON.stringify(raw);
    let verdict = bySchema.get(key);
    if (!verdict) {
        verdict = validateConfig(schema, raw);
        bySchema.set(key, verdict);
    }
    return verdict;
}
function validateConfig(schema, raw) {
    let validate = compiled.get(schema);
    if (!validate) {
        validate = ajv.compile({ type: "object", additionalProperties: false, ...schema });
        compiled.set(schema, validate);
    }
    const config = structuredClone(raw);
    if (validate(config)) {
        // ajv has just checked the shape against the schema built from GuardrailConfig's keys.
        return { ok: true, config: Object.freeze(config) };
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
//# sourceMappingURL=config.js.map