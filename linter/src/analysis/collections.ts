import { ts } from "@ts-morph/common";
import type { Callable, Ctx } from "./context";
import type { Evaluator } from "./evaluator";
import { MapValues } from "./maps";
import { unwrap } from "./scopes";
import { ABSENT, ArrayItem, dedupe, entriesFromPairs, isNothing, objectProperty, ofUnknownCount, other, UNDEFINED, unknown, unlessCyclic, Value } from "./values";

/**
 * Arrays and objects used as collections, the way multi-account programs keep their providers: a
 * map by environment (`providers[env]`, `Object.entries(providers)`), a list built from the
 * accounts (`ids.map((id) => new aws.Provider(...))`), and loops over either (`for...of`,
 * `for...in`, `forEach`). An element of a collection is any of its elements. A computed key is
 * followed only when every value it may have is a literal: a key the map lacks gives `undefined`,
 * which is the default provider, so `providers[pulumi.getStack()]` stays unverifiable.
 */

/** Array methods whose callback is called with (element, index, array). */
const ELEMENT_CALLBACKS: ReadonlySet<string> = new Set(["forEach", "map", "flatMap", "filter", "find", "findLast", "findIndex", "findLastIndex", "some", "every"]);

type ArrayValue = Extract<Value, { t: "array" }>;
type ObjectValue = Extract<Value, { t: "object" }>;

const isArray = (v: Value): v is ArrayValue => v.t === "array";

export class Collections {
    readonly maps: MapValues;

    constructor(private readonly ev: Evaluator) {
        this.maps = new MapValues(ev, (values, at) => this.elements(values, at));
    }

    /** What a `for...of` loop variable (or a spread element) may be: any element of the iterated values. */
    elements(values: Value[], at: ts.Node): Value[] {
        return dedupe(
            values.flatMap((v): Value[] => {
                if (isArray(v)) {
                    const listed = () => v.items.flatMap((item) => ("value" in item ? item.value() : this.elements(item.spread(), at)));
                    // `list = [...list, p]` in a loop: the earlier passes' elements are the others' (see objectProperty).
                    return unlessCyclic(v, listed, () => []);
                }
                if (v.t === "map") {
                    return this.elements([this.maps.listOf(v, "entries", at)], at); // `for (const [key, p] of map)`
                }
                if (v.t === "unknown") {
                    return [v];
                }
                // Iterating nothing throws before the loop body runs: no element at all.
                return isNothing(v) ? [] : [unknown(`it is an element of ${v.t === "other" ? v.what : `a ${v.t}`}, which the linter cannot list`, at)];
            }),
        );
    }

    /** What a `for...in` loop variable may be: a key of the object. */
    keys(values: Value[], at: ts.Node): Value[] {
        return this.elements(values.map((v) => (v.t === "object" ? (this.objectCall("keys", v, at) ?? other("a key")) : other("a key"))), at);
    }

    /** `Object.keys(o)`, `Object.values(o)`, `Object.entries(o)` of an object whose keys are all in view. */
    objectCall(method: string, obj: Value, at: ts.Node): Value | undefined {
        if (obj.t !== "object" || !["keys", "values", "entries"].includes(method)) {
            return undefined;
        }
        const keys = keysOf(obj);
        if (!keys) {
            return unknownKeyed(method, obj, at);
        }
        const items: ArrayItem[] = keys.map((key) => {
            const name = literal(key);
            if (method === "keys") {
                return { value: () => [name] };
            }
            if (method === "values") {
                return { value: () => objectProperty(obj, key) };
            }
            return { value: () => [{ t: "array", items: [{ value: () => [name] }, { value: () => objectProperty(obj, key) }], node: at }] };
        });
        return { t: "array", items, node: at };
    }

    /** `values[key]` with a computed key: the entries of every literal the key may be. */
    computed(values: Value[], keys: Value[], at: ts.Node, ctx: Ctx): Value[] {
        const literals = keys.map((k) => (k.t === "other" ? k.literal : undefined));
        if (keys.length === 0 || literals.some((k) => k === undefined)) {
            const listable = values.length > 0 && values.every((v) => isArray(v) || (v.t === "object" && keysOf(v) !== undefined));
            const oneOf = listable ? () => this.elements(values.map((v) => this.objectCall("values", v, at) ?? v), at) : undefined;
            return [unknown(`they come from ${at.getText().replace(/\s+/g, " ").slice(0, 50)}`, at, oneOf)];
        }
        return dedupe(
            values.flatMap((v) =>
                literals.flatMap((key): Value[] => {
                    if (isArray(v) && /^\d+$/.test(key!)) {
                        return this.elementAt(v, Number(key), at);
                    }
                    return this.ev.property([v], key!, at, ctx);
                }),
            ),
        );
    }

    /**
     * `list.find((p) => ...)` of arrays in view: one of the elements or undefined, by a predicate the
     * linter does not run. Unverifiable, unless a guard in front of the read leaves when it is
     * undefined (`if (!p) throw ...`): then each element is judged (guarded-reads.ts).
     */
    found(call: ts.CallExpression, ctx: Ctx): Value[] | undefined {
        const callee = unwrap(call.expression);
        if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== "find" && callee.name.text !== "findLast") || call.arguments.length === 0) {
            return undefined;
        }
        const arrays = this.ev.evaluate(callee.expression, ctx);
        if (arrays.length === 0 || !arrays.every(isArray)) {
            return undefined;
        }
        const list = callee.expression.getText().replace(/\s+/g, " ").slice(0, 40);
        return [unknown(`they come from ${list}.${callee.name.text}(...), which may find none`, call, () => this.elements(arrays, call))];
    }

    /**
     * `list.at(0)`, `list.at(-1)` of arrays in view, with a literal index: that element (undefined
     * past the end, as at run time). From the end only when no element is spread in.
     */
    at(call: ts.CallExpression, ctx: Ctx): Value[] | undefined {
        const callee = unwrap(call.expression);
        const index = call.arguments.length === 1 ? integerLiteral(unwrap(call.arguments[0])) : undefined;
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "at" || index === undefined) {
            return undefined;
        }
        const arrays = this.ev.evaluate(callee.expression, ctx);
        if (arrays.length === 0 || !arrays.every(isArray)) {
            return undefined;
        }
        return dedupe(
            arrays.flatMap((a) => {
                if (index >= 0) {
                    return this.elementAt(a, index, call);
                }
                if (a.items.some((i) => "spread" in i)) {
                    return [unknown("an element counted from the end of a list with spread elements cannot be told", call)];
                }
                return a.items.length + index >= 0 ? this.elementAt(a, a.items.length + index, call) : [UNDEFINED];
            }),
        );
    }

    /** `const [first, ...rest] = list`: the elements from `index` on, known when no spread comes before them. */
    restOf(values: Value[], index: number, at: ts.Node): Value[] {
        return values.map((v): Value => {
            if (v.t === "unknown") {
                return v;
            }
            if (!isArray(v) || v.items.slice(0, index).some((i) => "spread" in i)) {
                return unknown("it is the rest of a list the linter cannot count", at);
            }
            return { t: "array", items: v.items.slice(index), node: at };
        });
    }

    /** `array[index]`: known when no spread comes before it. */
    private elementAt(v: ArrayValue, index: number, at: ts.Node): Value[] {
        for (let i = 0; i < v.items.length; i++) {
            const item = v.items[i];
            if ("spread" in item) {
                return [unknown("an element after a spread cannot be told", at)];
            }
            if (i === index) {
                return item.value();
            }
        }
        return [ABSENT];
    }

    /**
     * A callback's parameter when the callback is written into an array method's call
     * (`list.forEach((p) => ...)`): the element, the index, the array. Undefined when the call is
     * not one of those on an array in view (`map.forEach`, a library's own `forEach`).
     */
    callbackParameter(fn: Callable, index: number, ctx: Ctx): Value[] | undefined {
        const receiver = arrayMethodReceiver(fn);
        if (!receiver) {
            return undefined;
        }
        const arrays = this.ev.evaluate(receiver, ctx);
        if (arrays.length === 0 || !arrays.every(isArray)) {
            return this.maps.callbackParameter(fn, receiver, index, ctx); // map.forEach((p, key) => ...)
        }
        if (index === 0) {
            return this.elements(arrays, fn);
        }
        return index === 1 ? [other("an index")] : index === 2 ? arrays : [UNDEFINED];
    }

    /** `list.map((x) => ...)` of an array whose elements are listed: one element per element, each what the callback returns. */
    mapped(call: ts.CallExpression, ctx: Ctx): Value[] | undefined {
        const callee = unwrap(call.expression);
        const fn = call.arguments[0] && unwrap(call.arguments[0]);
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "map" || !fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
            return undefined;
        }
        const arrays = this.ev.evaluate(callee.expression, ctx);
        if (arrays.length === 0 || !arrays.every(isArray)) {
            return undefined;
        }
        // Each element's result with the callback called on that element (`[a.name, provider]` keeps
        // its own name); elements of unknown count (spread in) give results of unknown count.
        let spreads = 0;
        /** `within`: the spread this list was spread from, whose elements have no known index. */
        const mapList = (list: ArrayValue, outer: ArrayValue, counted: boolean, within?: number): ArrayValue => {
            const items = list.items.map((item, i): ArrayItem => {
                if ("spread" in item) {
                    const id = spreads++;
                    return { spread: () => item.spread().map((inner) => (isArray(inner) ? mapList(inner, outer, false, id) : unknown("it is mapped from elements the linter cannot list", call))) };
                }
                const index: Value = counted ? { t: "other", what: "an index", literal: String(i), numeric: true } : other("an index");
                const given = within === undefined ? `element ${i}` : `element ${i} of spread ${within}`;
                return { value: () => this.ev.members.callResult(fn, ctx.with(fn, { given, args: [item.value(), [index], [outer]] }), call) };
            });
            return { t: "array", items, node: call };
        };
        return arrays.map((a) => mapList(a as ArrayValue, a as ArrayValue, !(a as ArrayValue).items.some((i) => "spread" in i)));
    }

    /**
     * `Object.fromEntries(pairs)` of a list in view whose every pair has one literal key
     * (`accounts.map((a) => [a.name, new aws.Provider(...)])`): the object of those entries.
     */
    fromEntries(values: Value[], at: ts.Node): Value[] {
        return values.map((list): Value => ({ t: "object", entries: entriesFromPairs(list, at), node: at }));
    }
}

/** The array a callback is given to (`receiver.forEach(fn)`), if it is. */
export function arrayMethodReceiver(fn: Callable): ts.Expression | undefined {
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) {
        return undefined;
    }
    let arg: ts.Node = fn;
    while (ts.isParenthesizedExpression(arg.parent)) {
        arg = arg.parent;
    }
    const call = arg.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== arg) {
        return undefined;
    }
    const callee = unwrap(call.expression);
    return ts.isPropertyAccessExpression(callee) && ELEMENT_CALLBACKS.has(callee.name.text) ? callee.expression : undefined;
}

/** The keys of an object in the order they were first written, or undefined when one is hidden. */
/**
 * `Object.values(providers)` (keys, entries) of an object written by keys the linter cannot tell
 * (`providers[name] = new aws.Provider(...)` in a loop over accounts from config): how many entries
 * and under which keys cannot be told, but each is one of the values written. Each such write is
 * an element of unknown count (a spread), so iterating sees every value and indexing none. Undefined
 * when a write's value is not known either, or a spread would need its own keys.
 */
function unknownKeyed(method: string, obj: ObjectValue, at: ts.Node): Value | undefined {
    const hidden: (() => Value[])[] = [];
    const known = new Map<string, () => Value[]>();
    for (const e of obj.entries) {
        if ("spread" in e || ("hidden" in e && !e.value)) {
            return undefined;
        }
        if ("hidden" in e) {
            hidden.push(e.value!);
        } else {
            known.set(e.key, e.value);
        }
    }
    // A key written before may have been written again under a key that cannot be told.
    const valueOf = (own: () => Value[]) => () => dedupe([...own(), ...hidden.flatMap((h) => h())]);
    const element = (key: () => Value[], value: () => Value[]): (() => Value[]) =>
        method === "keys" ? key : method === "values" ? value : () => [{ t: "array", items: [{ value: key }, { value }], node: at }];
    const items: ArrayItem[] = [...known].map(([key, own]) => ({ value: element(() => [literal(key)], valueOf(own)) }));
    for (const value of hidden) {
        const some: ArrayItem = { value: element(() => [other("a key")], value) };
        items.push(ofUnknownCount(some, at));
    }
    return { t: "array", items, node: at };
}

function keysOf(obj: ObjectValue): string[] | undefined {
    const keys: string[] = [];
    for (const e of obj.entries) {
        if ("hidden" in e) {
            return undefined;
        }
        if ("key" in e) {
            keys.push(e.key);
            continue;
        }
        for (const s of e.spread()) {
            if (isNothing(s)) {
                continue;
            }
            const inner = s.t === "object" ? unlessCyclic(s, () => keysOf(s), () => undefined) : undefined;
            if (!inner) {
                return undefined;
            }
            keys.push(...inner.filter((k) => !e.omit?.has(k)));
        }
    }
    return [...new Set(keys)];
}

/** `2`, `-1`: an integer written out. */
function integerLiteral(e: ts.Expression): number | undefined {
    if (ts.isNumericLiteral(e) && /^\d+$/.test(e.text)) {
        return Number(e.text);
    }
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand) && /^\d+$/.test(e.operand.text)) {
        return -Number(e.operand.text);
    }
    return undefined;
}

function literal(text: string): Value {
    return other(JSON.stringify(text), text);
}
