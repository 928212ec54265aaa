import { ts } from "@ts-morph/common";
import type { Callable, Ctx } from "./context";
import type { Evaluator } from "./evaluator";
import { resolveIdentifier, unwrap } from "./scopes";
import { type ArrayItem, dedupe, entriesFromPairs, objectProperty, ofUnknownCount, other, UNDEFINED, unknown, type Value } from "./values";

type MapValue = Extract<Value, { t: "map" }>;

const isMap = (v: Value): v is MapValue => v.t === "map";

/**
 * `Map`s of providers, as some programs keep them: `new Map([["prod", prod]])`, filled with
 * `providers.set(account.name, new aws.Provider(...))`, read with `get`, `values()`, `entries()`,
 * `for...of` and `forEach`. A key is followed only when it is a literal (`get("prod")`): a key the
 * map lacks gives `undefined`, the default provider. The entries are kept the way an object's are
 * (values.ts), so `get(key)` reads them as `obj[key]` would.
 */
export class MapValues {
    constructor(
        private readonly ev: Evaluator,
        /** What iterating values gives (collections.ts). */
        private readonly elements: (values: Value[], at: ts.Node) => Value[],
    ) {}

    /** `new Map()`, `new Map([[k, v], ...])` of the global Map. */
    construct(e: ts.NewExpression, ctx: Ctx): Value[] | undefined {
        const callee = unwrap(e.expression);
        if (!ts.isIdentifier(callee) || callee.text !== "Map" || resolveIdentifier(callee)) {
            return undefined;
        }
        const init = e.arguments?.[0];
        if (!init) {
            return [{ t: "map", entries: [], node: e }];
        }
        return this.ev.evaluate(init, ctx).map((list): Value => ({ t: "map", entries: entriesFromPairs(list, init), node: e }));
    }

    /** `map.get(k)`, `map.values()`, `map.entries()`, `map.keys()` of maps in view; undefined for any other call. */
    call(e: ts.CallExpression, ctx: Ctx): Value[] | undefined {
        const callee = unwrap(e.expression);
        if (!ts.isPropertyAccessExpression(callee) || !["get", "values", "entries", "keys", "has"].includes(callee.name.text)) {
            return undefined;
        }
        const maps = this.ev.evaluate(callee.expression, ctx);
        if (maps.length === 0 || !maps.every(isMap)) {
            return undefined;
        }
        const method = callee.name.text;
        if (method === "has") {
            return [other("a boolean")];
        }
        if (method !== "get") {
            return maps.map((m) => this.listOf(m, method as "values" | "entries" | "keys", e));
        }
        const key = e.arguments[0];
        const keys = key && !ts.isSpreadElement(key) ? this.ev.evaluate(key, ctx) : [];
        const literals = keys.map((k) => (k.t === "other" ? k.literal : undefined));
        if (literals.length === 0 || literals.some((k) => k === undefined)) {
            return [unknown(`they come from ${callee.expression.getText().slice(0, 40)}.get(...) with a key the linter cannot read`, e, () => this.elements(maps.map((m) => this.listOf(m, "values", e)), e))];
        }
        // A key the map lacks is `undefined`, as at run time.
        return dedupe(maps.flatMap((m) => literals.flatMap((k) => objectProperty({ t: "object", entries: m.entries, node: m.node }, k!).map((v) => (v.t === "absent" ? UNDEFINED : v)))));
    }

    /** What iterating a map gives (`for (const [k, v] of map)`): its entries, as `[key, value]` lists. */
    listOf(m: MapValue, what: "values" | "entries" | "keys", at: ts.Node): Value {
        const items: ArrayItem[] = m.entries.map((entry): ArrayItem => {
            if ("hidden" in entry) {
                // set(key, p) by a key the linter cannot tell: an entry of unknown count, with the value written if that is known.
                const value = entry.value;
                if (!value) {
                    return { value: () => [unknown(entry.hidden, entry.node)] };
                }
                const some: ArrayItem = what === "values" ? { value } : what === "keys" ? { value: () => [other("a key")] } : { value: () => [{ t: "array", items: [{ value: () => [other("a key")] }, { value }], node: at }] };
                return ofUnknownCount(some, at);
            }
            if ("spread" in entry) {
                // A set() that may not run: its entry, if any.
                return { spread: () => entry.spread().flatMap((o) => (o.t === "object" ? [this.listOf({ t: "map", entries: o.entries, node: o.node }, what, at)] : [])) };
            }
            const key = (): Value[] => [other(JSON.stringify(entry.key), entry.key)];
            if (what === "values") {
                return { value: entry.value };
            }
            return what === "keys" ? { value: key } : { value: () => [{ t: "array", items: [{ value: key }, { value: entry.value }], node: at }] };
        });
        return { t: "array", items, node: at };
    }

    /** `map.forEach((value, key, map) => ...)`: the callback's parameter, or undefined when the receiver is no map in view. */
    callbackParameter(fn: Callable, receiver: ts.Expression, index: number, ctx: Ctx): Value[] | undefined {
        const maps = this.ev.evaluate(receiver, ctx);
        if (maps.length === 0 || !maps.every(isMap)) {
            return undefined;
        }
        if (index === 2) {
            return maps;
        }
        return index <= 1 ? this.elements(maps.map((m) => this.listOf(m, index === 0 ? "values" : "keys", fn)), fn) : [UNDEFINED];
    }
}
