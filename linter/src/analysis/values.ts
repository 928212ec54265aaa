import { ts } from "@ts-morph/common";
import type { Ctx } from "./context";
import type { Creation } from "./creations";
import type { Entity, FunctionLike } from "./entities";

/**
 * What an expression may evaluate to, as far as providers are concerned. An expression has a set
 * of alternatives (one per path: branches of a conditional, call sites of a helper); a resource has
 * a provider only if every alternative gives it one.
 */
export type Value =
    /** A provider resource of a package (undefined: a provider whose package cannot be told). */
    | { t: "provider"; pkg: string | undefined; node: ts.Node; creation?: Creation; ctx?: Ctx }
    /** A resource an SDK class creates (a bucket, an awsx component): it passes its providers to children. */
    | { t: "resource"; creation: Creation; ctx: Ctx }
    /** An instance of a project class: `this` inside it, or `new C(...)` with C's constructor bound. */
    | { t: "instance"; cls: ts.ClassLikeDeclaration; ctx: Ctx }
    /** A project function (a helper returned by a factory, a method of an instance), with the context it closes over. */
    | { t: "function"; decl: FunctionLike; ctx: Ctx }
    | { t: "object"; entries: Entry[]; node: ts.Node; mergesArrays?: boolean }
    /**
     * A module (`import * as accounts`), a namespace or a class, held as a value (`const a = accounts`,
     * passed to a helper): no provider itself, but its members are read as they are at their
     * declaration (exported constants, statics).
     */
    | { t: "container"; entity: Container }
    | { t: "array"; items: ArrayItem[]; node: ts.Node }
    /** A `Map`, its entries kept as an object's (literal keys; `hidden` where a key cannot be told). */
    | { t: "map"; entries: Entry[]; node: ts.Node }
    /** A key that an object does not have (with why, where that helps a message). */
    | { t: "absent"; why?: string }
    | { t: "undefined" }
    | { t: "null" }
    /**
     * Anything that is certainly not a provider, options object or resource (a string, an Output).
     * What is known of it, where that decides a key or a condition: a string or number literal's
     * text, a boolean's truth, or that it is the type token of a resource of a Pulumi package (a
     * stack transformation's `args.type`).
     */
    | { t: "other"; what: string; literal?: string; numeric?: true; truth?: boolean; typeOfPackage?: string }
    /** What the linter cannot see into: never silently fine. */
    /**
     * `oneOf`: a read by a key that cannot be told (`providers[env]`) of a collection whose values can:
     * one of them, or undefined. Still unknown, unless read where it cannot be undefined
     * (`if (!provider) throw ...` in front of it: guarded-reads.ts).
     */
    | { t: "unknown"; why: string; node: ts.Node; oneOf?: () => Value[] }
    /**
     * A promise or a Pulumi output of values (an async function's result, `pulumi.output(p)`):
     * `await`, `then` and `apply` callbacks see `of()`; given as a provider or as options, it is
     * none (the SDK reads `provider` of the promise itself).
     */
    | { t: "promise"; of: () => Value[]; what: "a promise" | "an output"; node: ts.Node };

export type Container = Extract<Entity, { kind: "module" | "namespace" | "class" }>;

/** One entry of an object, evaluated on demand (most keys of an options object never matter). */
/** `hidden`: a key the linter cannot tell; `value`, when known, what was written under it (`providers[name] = p` in a loop over config). */
export type Entry = { key: string; value: () => Value[] } | { spread: () => Value[]; omit?: ReadonlySet<string> } | { hidden: string; node: ts.Node; value?: () => Value[] };

export type ArrayItem = { value: () => Value[] } | { spread: () => Value[] };

export const ABSENT: Value = { t: "absent" };
export const UNDEFINED: Value = { t: "undefined" };

export function unknown(why: string, node: ts.Node, oneOf?: () => Value[]): Value {
    return oneOf ? { t: "unknown", why, node, oneOf } : { t: "unknown", why, node };
}

export function other(what: string, literal?: string): Value {
    return literal === undefined ? { t: "other", what } : { t: "other", what, literal };
}

/** Removes repeats of the same alternative (by identity or, for simple kinds, by kind). */
export function dedupe(values: Value[]): Value[] {
    if (values.length < 2) {
        return values; // nothing to repeat: most evaluations have one value
    }
    const out: Value[] = [];
    for (const v of values) {
        const same = out.some(
            (o) =>
                o === v ||
                (o.t === v.t && (v.t === "absent" || v.t === "undefined" || v.t === "null")) ||
                (o.t === "provider" && v.t === "provider" && o.node === v.node && o.pkg === v.pkg && o.ctx === v.ctx) ||
                (o.t === "function" && v.t === "function" && o.decl === v.decl && o.ctx === v.ctx) ||
                (o.t === "container" && v.t === "container" && containerKey(o.entity) === containerKey(v.entity)) ||
                (o.t === "other" && v.t === "other" && o.literal === v.literal && o.numeric === v.numeric && o.truth === v.truth && o.typeOfPackage === v.typeOfPackage),
        );
        if (!same) {
            out.push(v);
        }
    }
    return out;
}

function containerKey(c: Container): ts.Node {
    return c.kind === "module" ? c.file : c.decl;
}

const visiting = new Set<Value>();

/**
 * `f()`, or `cyclic()` when `v` is already being read further up: a value built from itself
 * through a spread (`let o = {}; for (...) { o = { ...o, [k]: p }; }`) would otherwise be read
 * forever (it once overflowed the stack).
 */
export function unlessCyclic<T>(v: Value, f: () => T, cyclic: () => T): T {
    if (visiting.has(v)) {
        return cyclic();
    }
    visiting.add(v);
    try {
        return f();
    } finally {
        visiting.delete(v);
    }
}

/** Is the value nothing at all (`undefined`, `null`, a missing key)? */
export function isNothing(v: Value): boolean {
    return v.t === "absent" || v.t === "undefined" || v.t === "null";
}

/**
 * `obj[key]` for object values: the last entry that has the key wins, and a spread only takes
 * part for keys it has (so `{ provider: p, ...rest }` keeps `p` unless `rest` has its own
 * `provider`, possibly undefined). `mergesArrays` is `pulumi.mergeOptions`, which concatenates
 * arrays instead of replacing them.
 */
export function objectProperty(obj: Extract<Value, { t: "object" }>, key: string): Value[] {
    const layers: Value[][] = [];
    for (let i = obj.entries.length - 1; i >= 0; i--) {
        const e = obj.entries[i];
        if ("hidden" in e) {
            return [unknown(e.hidden, e.node)];
        }
        if ("key" in e) {
            if (e.key !== key) {
                continue;
            }
            layers.push(e.value());
            break;
        }
        if (e.omit?.has(key)) {
            layers.push([ABSENT]); // the rest of a destructuring, without the keys taken before it
            continue;
        }
        const fromSpread = e.spread().flatMap((v): Value[] => {
            if (v.t === "object") {
                // Built from itself (`o = { ...o, k: v }` in a loop): the earlier passes add nothing
                // the other alternatives do not (the least fixpoint), so the cycle contributes none.
                return unlessCyclic(v, () => objectProperty(v, key), () => []);
            }
            if (v.t === "unknown") {
                return [v];
            }
            // Spreading undefined, null, a string or a resource adds no such key.
            return [ABSENT];
        });
        layers.push(fromSpread);
        if (!fromSpread.some((v) => v.t === "absent") && !(obj.mergesArrays && fromSpread.some((v) => v.t === "array"))) {
            break;
        }
    }
    if (layers.length === 1 && !layers[0].some((v) => v.t === "absent" || (obj.mergesArrays && v.t === "array"))) {
        return dedupe(layers[0]); // one writer on every path: the common case, without the layering below
    }
    // layers[0] is the last writer; a layer may be absent on some paths, letting earlier ones show.
    let result: Value[] = [ABSENT];
    for (let i = layers.length - 1; i >= 0; i--) {
        const layer = layers[i];
        result = dedupe(
            layer.flatMap((v) => {
                if (v.t === "absent") {
                    return result;
                }
                if (obj.mergesArrays && v.t === "array") {
                    return result.map((r) => (r.t === "array" ? { t: "array", items: [...r.items, ...v.items], node: v.node } : v));
                }
                return [v];
            }),
        );
    }
    return result;
}

/**
 * The entries a list of `[key, value]` pairs makes (`new Map(pairs)`, `Object.fromEntries(pairs)`):
 * a key entry for each pair whose key is one literal on every path, else a hidden one.
 */
export function entriesFromPairs(list: Value, at: ts.Node): Entry[] {
    if (list.t !== "array" || list.items.some((i) => "spread" in i)) {
        return [{ hidden: "its entries come from a list the linter cannot list", node: at }];
    }
    return list.items.map((item): Entry => {
        const pairs = (item as { value: () => Value[] }).value();
        const part = (p: Value, i: number): Value[] | undefined => (p.t === "array" && p.items[i] && "value" in p.items[i] ? (p.items[i] as { value: () => Value[] }).value() : undefined);
        const keys = pairs.map((p) => part(p, 0) ?? []);
        const key = keys[0]?.length === 1 && keys[0][0].t === "other" ? keys[0][0].literal : undefined;
        if (key === undefined || !keys.every((k) => k.length === 1 && k[0].t === "other" && k[0].literal === key)) {
            return { hidden: "a key of its entries is not a literal the linter can read", node: at };
        }
        return { key, value: () => dedupe(pairs.flatMap((p) => part(p, 1) ?? [UNDEFINED])) };
    });
}

/** `key` written on some paths only: the object may keep what it had under it. */
export function maybeWritten(key: string, value: () => Value[], at: ts.Node): Entry {
    return { spread: () => [{ t: "object", entries: [{ key, value }], node: at }, ABSENT] };
}

/** What awaiting values gives: a promise's values, anything else itself. */
export function awaited(values: Value[]): Value[] {
    return values.some((v) => v.t === "promise") ? values.flatMap((v) => (v.t === "promise" ? awaited(v.of()) : [v])) : values;
}

/** An element that a list holds an unknown number of times (none, one or many): iterating sees it, indexing cannot count it. */
export function ofUnknownCount(item: ArrayItem, at: ts.Node): ArrayItem {
    return { spread: () => [{ t: "array", items: [item], node: at }] };
}
