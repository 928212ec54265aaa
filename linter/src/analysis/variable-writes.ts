import { ts } from "@ts-morph/common";
import { Ctx, NeedsContext } from "./context";
import { type Evaluator, short } from "./evaluator";
import { leavesEarly } from "./definite-assignment";
import { resolveIdentifier } from "./scopes";
import { type ArrayItem, type Entry, UNDEFINED, type Value } from "./values";

/**
 * What is written to a variable after its declaration: reassignments of a `let`; keys set on the
 * object it holds (`providers.prod = p`, `providers[account.name] = p` in a loop over the accounts,
 * `holder.opts.provider = p`, `Object.assign(opts, { provider })`); and what is pushed into the
 * list it holds. Writes are layered onto the declared value wherever they stand (see names.ts).
 */

export interface Writes {
    assignments: ts.Expression[];
    props: PropertyWrite[];
    /** `list.push(p)`, `map.set(k, p)` and the other methods that change an array or a Map in place. */
    calls: MutatingCall[];
}

export interface MutatingCall {
    method: string;
    call: ts.CallExpression;
    loops: ts.Expression[] | undefined;
}

/** Methods that change an array in place (push only appends, the others move or drop elements), and a Map's. */
const MUTATORS = new Set(["push", "unshift", "splice", "fill", "copyWithin", "sort", "reverse", "shift", "pop", "set", "delete", "clear"]);

/**
 * `obj.key = value` or `obj[key] = value` on a variable's object (`key` is the key expression when
 * it is computed), or `Object.assign(obj, ...sources)`. `loops`: the lists the write loops over,
 * when nothing but such loops stands between it and the variable's scope (undefined: it may not run).
 */
export type PropertyWrite =
    | {
          key: string | ts.Expression;
          /** The keys below `key` a nested write goes through (`holder.opts.provider = p`: key "opts", rest ["provider"]). */
          rest: string[];
          value: ts.Expression;
          loops: ts.Expression[] | undefined;
          target: ts.PropertyAccessExpression | ts.ElementAccessExpression;
      }
    | { assigned: readonly ts.Expression[]; loops: ts.Expression[] | undefined; target: ts.CallExpression };

export class VariableWrites {
    private readonly writes = new Map<ts.VariableDeclaration, Writes>();
    private readonly indexed = new Set<ts.Node>();

    constructor(private readonly ev: Evaluator) {}

    /** Where a `let`/`var` is reassigned, and `obj.key = value` writes to a variable's object. */
    writesTo(decl: ts.VariableDeclaration): Writes {
        let found = this.writes.get(decl);
        if (!found) {
            this.indexScope(scopeOf(decl));
            found = this.writes.get(decl) ?? { assignments: [], props: [], calls: [] };
            this.writes.set(decl, found);
        }
        return found;
    }

    /**
     * Every write to the variables `scope` declares, in one walk of it: a walk per variable cost a
     * large generated file time quadratic in its length.
     */
    private indexScope(scope: ts.Node): void {
        if (this.indexed.has(scope)) {
            return;
        }
        this.indexed.add(scope);
        const writesOf = (root: ts.Expression): Writes | undefined => {
            const decl = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
            if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || scopeOf(decl) !== scope) {
                return undefined;
            }
            let w = this.writes.get(decl);
            if (!w) {
                w = { assignments: [], props: [], calls: [] };
                this.writes.set(decl, w);
            }
            return w;
        };
        const visit = (node: ts.Node): void => {
            if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
                const left = node.left;
                if (ts.isIdentifier(left)) {
                    writesOf(left)?.assignments.push(node.right);
                } else if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) {
                    // `providers[account.name] = ...` (filled in a loop) as much as `providers.prod = ...`, and `holder.opts.provider = ...`.
                    const path = writtenPath(left);
                    const w = path && writesOf(path.root);
                    if (path && w) {
                        const [key, ...rest] = path.keys;
                        w.props.push({ key, rest, value: node.right, loops: loopsAround(node, scope), target: left });
                    }
                }
            }
            if (isObjectAssign(node)) {
                writesOf(node.arguments[0])?.props.push({ assigned: node.arguments.slice(1), loops: loopsAround(node, scope), target: node });
            } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATORS.has(node.expression.name.text)) {
                writesOf(node.expression.expression)?.calls.push({ method: node.expression.name.text, call: node, loops: loopsAround(node, scope) });
            }
            ts.forEachChild(node, visit);
        };
        visit(scope);
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
                extra.push({ hidden: c.method === "set" ? `${short(c.call)} uses a key the linter cannot tell` : `${short(c.call)} removes entries`, node: c.call });
                continue;
            }
            const value = () => this.ev.evaluate(valueArg, ctx);
            const everyPath = c.loops !== undefined && c.loops.every((list) => this.runsEachTime(list, ctx));
            for (const key of keys) {
                extra.push(everyPath ? { key, value } : { spread: () => [{ t: "object", entries: [{ key, value }], node: c.call }, { t: "absent" }] });
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
            return [{ hidden: `${short(p.target)} is written with a key the linter cannot tell`, node: p.target }];
        }
        if (p.rest.length > 0) {
            // A nested write changes the object under `key` (as it is before this write): that key still holds it.
            const before: Value = { ...v, entries: [...v.entries, ...earlier] };
            const inner: PropertyWrite = { ...p, key: p.rest[0], rest: p.rest.slice(1) };
            return keys.map((key): Entry => ({ key, value: () => this.ev.property([before], key, p.target, ctx).map((o) => (o.t === "object" ? this.withPropertyWrites(o, [inner], ctx) : o)) }));
        }
        // In a loop over a list in view, each key the loop variable gives is written by its own pass.
        return keys.map((key): Entry =>
            everyPath
                ? { key, value: () => this.ev.evaluate(p.value, ctx) }
                : // A write on some paths only: the key may keep its earlier value.
                  { spread: () => [{ t: "object", entries: [{ key, value: () => this.ev.evaluate(p.value, ctx) }], node: p.value }, { t: "absent" }] },
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

/** Array methods that call their callback once for every element. */
const EVERY_ELEMENT = new Set(["forEach", "map", "flatMap"]);

/**
 * The lists a write loops over on its way up to `scope` (for...of bodies, forEach/map callbacks),
 * or undefined when anything else stands between them (an if, a try, another kind of loop, a
 * function) or a loop body can leave early: then the write may not happen.
 */
function loopsAround(write: ts.Expression, scope: ts.Node): ts.Expression[] | undefined {
    const loops: ts.Expression[] = [];
    let written: ts.Node = write;
    while (ts.isParenthesizedExpression(written.parent)) {
        written = written.parent;
    }
    let n: ts.Node = written.parent;
    if (!ts.isExpressionStatement(n) && !(ts.isArrowFunction(n) && n.body === written)) {
        return undefined;
    }
    for (n = ts.isExpressionStatement(n) ? n.parent : n; n !== scope; n = n.parent) {
        if (ts.isBlock(n) || ts.isExpressionStatement(n)) {
            continue; // a block, or the statement a forEach call below is
        }
        if (ts.isForOfStatement(n) && !n.awaitModifier && !leavesEarly(n.statement)) {
            loops.push(n.expression);
            continue;
        }
        const call = (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isCallExpression(n.parent) && n.parent.arguments[0] === n ? n.parent : undefined;
        const callee = call && ts.isPropertyAccessExpression(call.expression) ? call.expression : undefined;
        if (callee && EVERY_ELEMENT.has(callee.name.text) && !leavesEarly(n)) {
            loops.push(callee.expression);
            n = call!; // continue above the call
            continue;
        }
        return undefined;
    }
    return loops;
}


/** `Object.assign(...)` of the global Object. */
function isObjectAssign(node: ts.Node): node is ts.CallExpression {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== "assign" || node.arguments.length === 0) {
        return false;
    }
    const owner = node.expression.expression;
    return ts.isIdentifier(owner) && owner.text === "Object" && !resolveIdentifier(owner);
}

/**
 * The variable a write's target starts at and the keys down to it (`holder.opts.provider` ->
 * holder, ["opts", "provider"]); a computed key only as the first.
 */
function writtenPath(target: ts.PropertyAccessExpression | ts.ElementAccessExpression): { root: ts.Expression; keys: [string | ts.Expression, ...string[]] } | undefined {
    const keys: (string | ts.Expression)[] = [];
    let e: ts.Expression = target;
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
        keys.unshift(ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : e.argumentExpression);
        e = e.expression;
    }
    return keys.slice(1).some((k) => typeof k !== "string") ? undefined : { root: e, keys: keys as [string | ts.Expression, ...string[]] };
}

/** The block (or file, or loop) a variable is declared in: where its writes can be. */
function scopeOf(decl: ts.VariableDeclaration): ts.Node {
    return decl.parent.parent.parent;
}
