/**
 * Policies receive resource properties behind @pulumi/policy's unknown-checking proxy: touching an
 * unknown (computed) value throws, and an uncaught throw becomes an *advisory* "can't run policy
 * during preview", i.e. a silent pass. We never touch values through the proxy: we read the plain
 * object behind it and treat the engine's unknown sentinel as an explicit marker, so each policy
 * decides what an unknown means (and reading is one plain property access, not a proxy trap each).
 */

/** The engine's wire sentinel for an unknown value (the same string for every type). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Stands for a value that is not known until the update runs. */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

// @pulumi/policy exposes the proxy-target key only from an internal module (no type declarations), hence require.
const proxyModule = require("@pulumi/policy/proxy") as { getSpecialProxyTarget: string };

/**
 * The plain object behind the proxy: the deserialized wire values, secrets unwrapped, unknowns as
 * UNKNOWN_SENTINEL (@pulumi/policy `deserialize.js`). The proxy hands it out for the key it names
 * `getSpecialProxyTarget` (`proxy.js`); a value that is not a proxy is returned as it is.
 */
export function rawProperties(props: unknown): Readonly<Record<string, unknown>> {
    if (props === null || typeof props !== "object") {
        return {};
    }
    const target = (props as Record<string, unknown>)[proxyModule.getSpecialProxyTarget];
    return (target !== undefined && target !== null && typeof target === "object" ? target : props) as Record<string, unknown>;
}
