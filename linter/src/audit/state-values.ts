/**
 * Property values as a checkpoint stores them, turned into the wire values the engine would hand an
 * analyzer. State keeps resource references in their serialized form (`{sig: 5cf8..., urn, id,
 * packageVersion}`) and assets and archives as theirs, which are already what the engine puts on the
 * wire; `marshalPropertiesForAnalyzer` then turns references into ids or URNs and drops internal
 * keys, as for any other analyzer request. Secrets are the exception: state holds them encrypted
 * (`{sig: 1b47..., ciphertext}`), which no offline audit can decrypt, so they become secrets whose
 * value is unknown. A policy reading one then cannot decide, and must say so. `pulumi stack export
 * --show-secrets` writes `plaintext` (the value as JSON text) instead; that value is used as is.
 */
import { SIGNATURE_KEY, UNKNOWN } from "../engine/encoding";
import { marshalPropertiesForAnalyzer, SECRET_SIG } from "../engine/marshal";

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function decodedPlaintext(plaintext: unknown): unknown {
    if (typeof plaintext !== "string") {
        return UNKNOWN;
    }
    try {
        return stateValueToWire(JSON.parse(plaintext));
    } catch {
        return UNKNOWN;
    }
}

/** One stored value as a wire value (secrets as `{sig, value}`, their ciphertext as unknown). */
export function stateValueToWire(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(stateValueToWire);
    }
    if (!isObject(value)) {
        return value;
    }
    if (value[SIGNATURE_KEY] === SECRET_SIG) {
        if ("value" in value) {
            return { [SIGNATURE_KEY]: SECRET_SIG, value: stateValueToWire(value.value) };
        }
        return { [SIGNATURE_KEY]: SECRET_SIG, value: "plaintext" in value ? decodedPlaintext(value.plaintext) : UNKNOWN };
    }
    if (SIGNATURE_KEY in value) {
        // Resource references, assets, archives: already their wire form.
        return value;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
        out[k] = stateValueToWire(v);
    }
    return out;
}

/** A stored property map (inputs or outputs) as the engine marshals it for an analyzer. */
export function analyzerPropertiesFromState(props: unknown): Record<string, unknown> {
    if (!isObject(props)) {
        return {};
    }
    return marshalPropertiesForAnalyzer(stateValueToWire(props) as Record<string, unknown>);
}
