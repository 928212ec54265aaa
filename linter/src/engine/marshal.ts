/**
 * What the engine does to resource properties before a policy pack sees them. pulumi/pulumi
 * `pkg/resource/plugin/analyzer_plugin.go` marshals `Analyze` and `AnalyzeStack` properties with
 * `MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipInternalKeys: true}` and without
 * `KeepResources` or `KeepOutputValues`; `MarshalPropertyValue` in `sdk/go/common/resource/plugin/rpc.go`
 * then turns
 *   - a resource reference into the referenced resource's id, the unknown sentinel when the id is
 *     not known yet, or its URN when it has no id (a component);
 *   - an output value into its plain value (unknown when not known, a secret when secret);
 * keeps secrets as the signature object and unknowns as the sentinel, and drops every key that
 * starts with `__` (`__defaults`, `__meta`, ...) at any depth. `@pulumi/policy` never answers a
 * request that carries a raw resource reference, so nothing that plays the engine may send one.
 *
 * Input and output are wire values as `Struct.toJavaScript()` gives them (plain JSON).
 */
import { SIGNATURE_KEY, UNKNOWN } from "./encoding";

export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One property value, as `MarshalPropertyValue` would send it to an analyzer. */
function marshalValueForAnalyzer(value: unknown): Wire {
    if (value === undefined || value === null) {
        return null;
    }
    if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.filter((v) => v !== undefined).map(marshalValueForAnalyzer);
    }
    if (!isObject(value)) {
        return null;
    }
    const sig = value[SIGNATURE_KEY];
    if (sig === RESOURCE_REFERENCE_SIG) {
        if ("id" in value) {
            const id = value.id;
            // An empty or unknown id is "not known yet": the sentinel, since unknowns are kept.
            return typeof id === "string" && id !== "" && id !== UNKNOWN ? id : UNKNOWN;
        }
        return typeof value.urn === "string" ? value.urn : UNKNOWN;
    }
    if (sig === OUTPUT_VALUE_SIG) {
        const plain = "value" in value ? marshalValueForAnalyzer(value.value) : UNKNOWN;
        return value.secret === true ? { [SIGNATURE_KEY]: SECRET_SIG, value: plain } : plain;
    }
    if (sig === SECRET_SIG) {
        return { [SIGNATURE_KEY]: SECRET_SIG, value: marshalValueForAnalyzer(value.value) };
    }
    return marshalPropertiesForAnalyzer(value);
}

/**
 * A property map, internal keys dropped. Assets and archives go through here too: MarshalAsset and
 * MarshalArchive marshal their serialized form as a property map, so an archive entry whose name
 * starts with `__` (a CallbackFunction's `__index.js`) is skipped like any internal key.
 */
export function marshalPropertiesForAnalyzer(props: Record<string, unknown>): { [key: string]: Wire } {
    const out: { [key: string]: Wire } = {};
    for (const key of Object.keys(props).sort()) {
        if (key.startsWith("__") || props[key] === undefined) {
            continue;
        }
        out[key] = marshalValueForAnalyzer(props[key]);
    }
    return out;
}
