import { ts } from "@ts-morph/common";
import { Ctx, NeedsContext } from "./context";
import { type Evaluator, short } from "./evaluator";
import { type ArrayItem, type Entry, maybeWritten, UNDEFINED, type Value } from "./values";
import { type PropertyWrite, WriteIndex, type Writes } from "./write-index";

/**
 * The value of a variable or field with what is written to it after its declaration layered on
 * (the writes are found by write-index.ts): keys set on an object, elements pushed into a list,
 * entries set in a Map.
 */

export class VariableWrites {
    readonly index = new WriteIndex();

    constructor(private readonly ev: Evaluator) {}

    writesTo(decl: ts.VariableDeclaration): Writes {
        return this.index.writesTo(decl);
    }

    fieldWrites(cls: ts.ClassLikeDeclaration, key: string): Writes {
        return this.index.fieldWrites(cls, key);
    }

    /** `v` with the writes made to the variable or field that holds it layered on. */
    applyTo(v: Value, writes: Writes, ctx: Ctx): Value {
        if (v.t === "object" && writes.props.length > 0) {
            return this.withPropertyWrites(v, writes.props, ctx);
        }
        if (v.t === "map" && writes.calls.length > 0) {
            return this.withMapWrites(v, writes, ctx);
        }
        return v.t === "array" && (writes.calls.length > 0 || writes.props.length > 0) ? this.withArrayWrites(v, writes, ctx) : v;
    }

    /**
     * An array value with what is later pushed into it or written by index. A push that runs once
     * (not in a loop or under a condition) appends its elements where they land; any other push
     * adds elements at positions the linter does not count, and the other methods (and writes by
     * index) make every position unknown: iterating the list still sees every element it may hold.
     */
    withArrayWrites(v: Extract<Value, { t: "array" }>, writes: Writes, ctx: Ctx): Value {
        const items: ArrayItem[] = [...v.items];
        let positionsKnown = true;
        const some = (args: readonly ts.Expression[], at: ts.Node): ArrayItem => ({ spread: () => [{ t: "array", items: args.map((a) => this.item(a, ctx)), node: at }] });
        for (const c of writes.calls.filter((call) => !MAP_ONLY.has(call.method))) {
            const args = c.method === "splice" ? c.call.arguments.slice(2) : c.method === "fill" ? c.call.arguments.slice(0, 1) : c.call.arguments;
            // Once, or once per element of a list in view: each pass appends its own.
            const passes = c.method === "push" && c.loops !== undefined ? this.passes(c.loops, ctx) : undefined;
            if (passes === 1 || (passes !== undefined && !args.some((a) => ts.isSpreadElement(a)))) {
                for (let i = 0; i < passes; i++) {
                    items.push(...args.map((a) => this.item(a, ctx)));
                }
                continue;
            }
            if (c.method === "push" || c.method === "unshift" || c.method === "splice" || c.method === "fill") {
                items.push(some(args, c.call));
            }
            positionsKnown &&= c.method === "push";
        }
        for (const p of writes.props) {
            items.push(some("assigned" in p ? [] : [p.value], p.target));
            positionsKnown = false;
        }
        // A spread of nothing first: no element is at a position the linter can tell.
        return { t: "array", items: positionsKnown ? items : [{ spread: () => [] }, ...items], node: v.node };
    }

    /** How many times a write in `loops` runs: 1 outside loops, the length of a list in view for one loop, else undefined. */
    private passes(loops: ts.Expression[], ctx: Ctx): number | undefined {
        if (loops.length === 0) {
            return 1;
        }
        if (loops.length > 1 || !this.runsEachTime(loops[0], ctx)) {
            return undefined;
        }
        const lengths = this.orUnbound(() => this.ev.evaluate(loops[0], ctx))?.map((a) => (a.t === "array" ? a.items.length : -1));
        return lengths && lengths.every((n) => n === lengths[0]) ? lengths[0] : undefined;
    }

    /** A Map with its later `set(key, p)` calls (a literal key, or one per element of a list in view); `delete` and `clear` make it unknown. */
    withMapWrites(v: Extract<Value, { t: "map" }>, writes: Writes, ctx: Ctx): Value {
        const extra: Entry[] = [];
        for (const c of writes.calls.filter((call) => MAP_ONLY.has(call.method))) {
            const [keyArg, valueArg] = c.call.arguments;
            const keys = c.method === "set" && keyArg && valueArg && !ts.isSpreadElement(keyArg) ? this.literalKeys(keyArg, ctx) : undefined;
            if (!keys) {
                const written = c.method === "set" && valueArg && !ts.isSpreadElement(valueArg) ? valueArg : undefined;
                extra.push(written ? { hidden: `${short(c.call)} uses a key the linter cannot tell`, node: c.call, value: () => this.ev.evaluate(written, ctx) } : { hidden: `${short(c.call)} removes entries`, node: c.call });
                continue;
            }
            const value = () => this.ev.evaluate(valueArg, ctx);
            const everyPath = c.loops !== undefined && c.loops.every((list) => this.runsEachTime(list, ctx));
            for (const key of keys) {
                extra.push(everyPath ? { key, value } : maybeWritten(key, value, c.call));
            }
        }
        return { ...v, entries: [...v.entries, ...extra] };
    }

    private item(arg: ts.Expression, ctx: Ctx): ArrayItem {
        return ts.isSpreadElement(arg) ? { spread: () => this.ev.evaluate(arg.expression, ctx) } : { value: () => this.ev.evaluate(arg, ctx) };
    }

    /** An object value with later `obj.key = value` writes layered on top. */
    withPropertyWrites(v: Extract<Value, { t: "object" }>, props: PropertyWrite[], ctx: Ctx): Value {
        const extra: Entry[] = [];
        for (const p of props) {
            extra.push(...this.entriesOf(v, extra.slice(), p, ctx));
        }
        return { ...v, entries: [...v.entries, ...extra] };
    }

    /** The entries one write adds to `v` (after the entries of the writes before it). */
    private entriesOf(v: Extract<Value, { t: "object" }>, earlier: Entry[], p: PropertyWrite, ctx: Ctx): Entry[] {
        const everyPath = p.loops !== undefined && p.loops.every((list) => this.runsEachTime(list, ctx));
        if ("assigned" in p) {
            // Object.assign(opts, { provider }): each source's keys, as a spread (one that may not run: or none).
            return p.assigned.map((src): Entry => {
                if (ts.isSpreadElement(src)) {
                    return { hidden: `${short(p.target)} assigns from a spread list`, node: src };
                }
                return { spread: () => (everyPath ? this.ev.evaluate(src, ctx) : [...this.ev.evaluate(src, ctx), UNDEFINED]) };
            });
        }
        const keys = typeof p.key === "string" ? [p.key] : this.literalKeys(p.key, ctx);
        if (keys === undefined) {
            // Any key may have been written: every read of the object depends on it.
            const value = p.rest.length === 0 ? () => this.ev.evaluate(p.value, ctx) : undefined;
            return [{ hidden: `${short(p.target)} is written with a key the linter cannot tell`, node: p.target, ...(value ? { value } : {}) }];
        }
        if (p.rest.length > 0) {
            // A nested write changes the object under `key` (as it is before this write): that key still holds it.
            const before: Value = { ...v, entries: [...v.entries, ...earlier] };
            const inner: PropertyWrite = { ...p, key: p.rest[0], rest: p.rest.slice(1) };
            return keys.map((key): Entry => ({ key, value: () => this.ev.property([before], key, p.target, ctx).map((o) => (o.t === "object" ? this.withPropertyWrites(o, [inner], ctx) : o)) }));
        }
        // In a loop over a list in view, each key the loop variable gives is written by its own pass.
        return keys.map((key): Entry =>
            everyPath ? { key, value: () => this.ev.evaluate(p.value, ctx) } : maybeWritten(key, () => this.ev.evaluate(p.value, ctx), p.value),
        );
    }

    /** The literals a computed key may be (`map[PROD] = p`, `map[account.name] = p` over a list in view), or undefined. */
    private literalKeys(key: ts.Expression, ctx: Ctx): string[] | undefined {
        const values = this.orUnbound(() => this.ev.evaluate(key, ctx));
        const keys = values?.map((v) => (v.t === "other" ? v.literal : undefined));
        return keys && keys.length > 0 && keys.every((k): k is string => k !== undefined) ? [...new Set(keys)] : undefined;
    }

    /** Does iterating `list` run the loop body at least once, for each element (an array in view with no spread)? */
    private runsEachTime(list: ts.Expression, ctx: Ctx): boolean {
        const arrays = this.orUnbound(() => this.ev.evaluate(list, ctx));
        return arrays !== undefined && arrays.length > 0 && arrays.every((a) => a.t === "array" && a.items.length > 0 && a.items.every((i) => "value" in i));
    }

    /** undefined where a parameter of an enclosing function decides (its call is not bound here). */
    private orUnbound<T>(f: () => T): T | undefined {
        try {
            return f();
        } catch (e) {
            if (e instanceof NeedsContext) {
                return undefined;
            }
            throw e;
        }
    }
}

/** The mutators of a Map only (the rest are an array's). */
const MAP_ONLY = new Set(["set", "delete", "clear"]);
