/**
 * Policies receive resource properties behind @pulumi/policy's unknown-checking proxy: touching an
 * unknown (computed) value throws, and an uncaught throw becomes an *advisory* "can't run policy
 * during preview", i.e. a silent pass. We copy the values we need out of the proxy ourselves and
 * turn unknowns into an explicit marker, so each policy decides what an unknown means.
 */

/** The engine's wire sentinel for an unknown value (the same string for every type). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Stands for a value that is not known until the update runs. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

export type Plain = null | boolean | number | string | Unknown | Plain[] | { [key: string]: Plain };

// @pulumi/policy exposes the error class and the proxy-target key only from an internal module (no type declarations), hence require.
const proxyModule = require("@pulumi/policy/proxy") as { UnknownValueError: new (...args: never[]) => Error; getSpecialProxyTarget: string };

function isUnknownValueError(e: unknown): boolean {
    return e instanceof proxyModule.UnknownValueError;
}

/**
 * The plain object behind the proxy (the deserialized wire values: secrets unwrapped, unknowns as
 * UNKNOWN_SENTINEL). Reading it skips the proxy's per-access checks; whoever reads it must treat the
 * sentinel as unknown. @pulumi/policy names the key in `proxy.js` (`getSpecialProxyTarget`).
 */
export function rawProperties(props: unknown): Readonly<Record<string, unknown>> {
    if (props === null || typeof props !== "object") {
        return {};
    }
    const target = (props as Record<string, unknown>)[proxyModule.getSpecialProxyTarget];
    return (target !== undefined && target !== null && typeof target === "object" ? target : props) as Record<string, unknown>;
}

/** Reads `obj[key]`, returning UNKNOWN where the proxy reports an unknown value. */
export function readKey(obj: unknown, key: string | number): unknown {
    try {
        return (obj as Record<string | number, unknown>)[key];
    } catch (e) {
        if (isUnknownValueError(e)) {
            return UNKNOWN;
        }
        throw e;
    }
}

/** Deep copy of a proxied value, with every unknown replaced by UNKNOWN. */
export function toPlain(value: unknown): Plain | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (value === null || typeof value === "boolean" || typeof value === "number") {
        return value;
    }
    if (typeof value === "string") {
        return value === UNKNOWN_SENTINEL ? UNKNOWN : value;
    }
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        const length = readKey(value, "length");
        if (length === UNKNOWN) {
            return UNKNOWN;
        }
        const out: Plain[] = [];
        for (let i = 0; i < (length as number); i++) {
            out.push(toPlain(readKey(value, i)) ?? null);
        }
        return out;
    }
    if (typeof value === "object") {
        const out: { [key: string]: Plain } = {};
        for (const key of Object.keys(value)) {
            const child = toPlain(readKey(value, key));
            if (child !== undefined) {
                out[key] = child;
            }
        }
        return out;
    }
    return null;
}

/** True if `value` is, or contains, an unknown. */
export function containsUnknown(value: Plain | undefined): boolean {
    if (value === UNKNOWN) {
        return true;
    }
    if (typeof value === "string") {
        // A JSON-encoded input (as @pulumi/aws v7 sends objects) can carry the sentinel inside.
        return value.includes(UNKNOWN_SENTINEL);
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}
