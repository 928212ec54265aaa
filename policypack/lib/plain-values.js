"use strict";
/**
 * Policies receive resource properties behind @pulumi/policy's unknown-checking proxy: touching an
 * unknown (computed) value throws, and an uncaught throw becomes an *advisory* "can't run policy
 * during preview", i.e. a silent pass. We copy the values we need out of the proxy ourselves and
 * turn unknowns into an explicit marker, so each policy decides what an unknown means.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNKNOWN = exports.UNKNOWN_SENTINEL = void 0;
exports.readKey = readKey;
exports.toPlain = toPlain;
exports.containsUnknown = containsUnknown;
/** The engine's wire sentinel for an unknown value (the same string for every type). */
exports.UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Stands for a value that is not known until the update runs. */
exports.UNKNOWN = Symbol("unknown");
// @pulumi/policy exposes the error class only from an internal module (no type declarations), hence require.
const proxyModule = require("@pulumi/policy/proxy");
function isUnknownValueError(e) {
    return e instanceof proxyModule.UnknownValueError;
}
/** Reads `obj[key]`, returning UNKNOWN where the proxy reports an unknown value. */
function readKey(obj, key) {
    try {
        return obj[key];
    }
    catch (e) {
        if (isUnknownValueError(e)) {
            return exports.UNKNOWN;
        }
        throw e;
    }
}
/** Deep copy of a proxied value, with every unknown replaced by UNKNOWN. */
function toPlain(value) {
    if (value === undefined) {
        return undefined;
    }
    if (value === null || typeof value === "boolean" || typeof value === "number") {
        return value;
    }
    if (typeof value === "string") {
        return value === exports.UNKNOWN_SENTINEL ? exports.UNKNOWN : value;
    }
    if (value === exports.UNKNOWN) {
        return exports.UNKNOWN;
    }
    if (Array.isArray(value)) {
        const length = readKey(value, "length");
        if (length === exports.UNKNOWN) {
            return exports.UNKNOWN;
        }
        const out = [];
        for (let i = 0; i < length; i++) {
            out.push(toPlain(readKey(value, i)) ?? null);
        }
        return out;
    }
    if (typeof value === "object") {
        const out = {};
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
function containsUnknown(value) {
    if (value === exports.UNKNOWN) {
        return true;
    }
    if (typeof value === "string") {
        // A JSON-encoded input (as @pulumi/aws v7 sends objects) can carry the sentinel inside.
        return value.includes(exports.UNKNOWN_SENTINEL);
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}
//# sourceMappingURL=plain-values.js.map