/**
 * Reading a provider's inputs as the provider itself decodes them. Three encodings reach a policy:
 * @pulumi/aws and @pulumi/aws-native JSON-encode object, list and boolean inputs in the SDK (so
 * `assumeRoles` arrives as text), other SDKs send real values, and secrets arrive unwrapped. Unknowns
 * are the engine's sentinel string, wherever they sit.
 */
import { fromPlain, JsonObject, JsonSyntaxError, JsonValue, KeyRule, parseGoJson, readField, showJson } from "./go-json";
import { UNKNOWN, UNKNOWN_SENTINEL } from "./plain-values";

/** A role ARN of any partition, with an optional path: arn:aws-us-gov:iam::123456789012:role/ops/Admin */
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;

export interface AssumedRole {
    roleArn: string;
    accountId: string;
    partition: string;
    /** Where it came from, e.g. `assumeRoles[1]`. */
    source: string;
}

export interface Malformed {
    field: string;
    value: string;
    reason: string;
}

/** An input the pack cannot read the way the provider will; a provider like this is never trusted. */
export class MalformedInput extends Error {
    constructor(readonly detail: Malformed) {
        super(detail.reason);
    }
}

export function malformed(field: string, value: JsonValue | undefined, reason: string): never {
    throw new MalformedInput({ field, value: typeof value === "string" ? value : showJson(value), reason });
}

/** The provider's raw input properties (plain JSON, unknowns as the sentinel). */
export type RawInputs = Readonly<Record<string, unknown>>;

/**
 * One input, decoded: JSON text parsed as Go would, real values taken as they are. `undefined` means
 * not set: absent, null, or "" (the bridge turns "" into the type's zero value, `config_encoding.go`).
 */
export function decodeInput(inputs: RawInputs, name: string): JsonValue | undefined {
    const raw = inputs[name];
    if (raw === undefined || raw === null || raw === "") {
        return undefined;
    }
    if (raw === UNKNOWN_SENTINEL) {
        return UNKNOWN;
    }
    if (typeof raw === "string") {
        try {
            const value = parseGoJson(raw);
            return value === null ? undefined : value;
        } catch (e) {
            if (e instanceof JsonSyntaxError) {
                malformed(name, raw, `${name} is not valid JSON`);
            }
            throw e;
        }
    }
    return fromPlain(raw);
}

/** A role object's `roleArn`, read with the provider's key rule. UNKNOWN when not known yet. */
export function roleOf(source: string, raw: JsonValue, rule: KeyRule, provider: string): AssumedRole | typeof UNKNOWN {
    if (raw === UNKNOWN) {
        return UNKNOWN;
    }
    if (!(raw instanceof JsonObject)) {
        return malformed(source, raw, `${source} must be an object with a roleArn`);
    }
    const field = readField(raw, "roleArn", rule);
    if (field.ambiguous) {
        return malformed(
            source,
            raw,
            `${source} spells roleArn as ${field.ambiguous.map((k) => `"${k}"`).join(" and ")}; which of them ${provider} uses cannot be told`,
        );
    }
    const arn = field.value;
    if (arn === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof arn !== "string" || arn === "") {
        return malformed(source, raw, `${source} has no roleArn`);
    }
    const where = field.key === "roleArn" ? source : `${source}["${field.key}"]`;
    const m = ROLE_ARN.exec(arn);
    if (!m) {
        return malformed(`${where}.roleArn`, arn, `${source}.roleArn is not an IAM role ARN`);
    }
    return { roleArn: arn, partition: m[1], accountId: m[2], source: where };
}

export type AccountList = { ids: string[] } | { unknown: true };

/** `allowedAccountIds` / `forbiddenAccountIds`: a list of 12-digit ids; undefined when not set. */
export function accountListOf(inputs: RawInputs, name: string): AccountList | undefined {
    const value = decodeInput(inputs, name);
    if (value === undefined) {
        return undefined;
    }
    if (value === UNKNOWN) {
        return { unknown: true };
    }
    const list: JsonValue[] = Array.isArray(value) ? value : [value];
    if (list.includes(UNKNOWN)) {
        return { unknown: true };
    }
    const ids = list.map((v) => {
        const id = typeof v === "number" ? String(v) : v;
        if (typeof id !== "string" || !ACCOUNT_ID.test(id)) {
            return malformed(name, value, `${name} must list 12-digit account ids`);
        }
        return id;
    });
    return ids.length > 0 ? { ids } : undefined;
}

export type BoolInput = boolean | typeof UNKNOWN | { unreadable: string };

/** A boolean input as the Terraform bridge reads it: JSON `true`/`false`, "" or absent is false. */
export function bridgeBool(inputs: RawInputs, name: string): BoolInput {
    let value: JsonValue | undefined;
    try {
        value = decodeInput(inputs, name);
    } catch (e) {
        if (e instanceof MalformedInput) {
            return { unreadable: e.detail.value };
        }
        throw e;
    }
    if (value === undefined) {
        return false;
    }
    if (value === UNKNOWN || typeof value === "boolean") {
        return value;
    }
    return { unreadable: showJson(value) };
}
