import { ts } from "@ts-morph/common";
import type { Callable, Ctx } from "./context";
import { type Evaluator, isGlobalCall } from "./evaluator";
import { argumentOf, unwrap } from "./scopes";
import { awaited, UNDEFINED, unknown, type Value } from "./values";

/**
 * Promises and Pulumi outputs of values, which are their values here as everywhere (an awaited
 * provider is the provider): `Promise.all([a, b])` and `pulumi.all([a, b])` are the list,
 * `pulumi.output(p)` is p, `p.then((x) => ...)` and `o.apply((x) => ...)` what the callback returns
 * for x, the value. They were "a call the linter cannot follow", unverifiable on every resource
 * they reach (test/linter/rules/promises.test.ts).
 */
export class PromiseValues {
    constructor(private readonly ev: Evaluator) {}

    /** `Promise.all(list)`, `p.then(fn)`; undefined for other calls, and for a `then` of something that is no promise in view. */
    call(e: ts.CallExpression, ctx: Ctx): Value[] | undefined {
        const arg = e.arguments[0];
        if (isGlobalCall(e, "Promise", "all") && e.arguments.length === 1 && !ts.isSpreadElement(arg)) {
            return [{ t: "promise", what: "a promise", of: () => this.settled(this.ev.evaluate(arg, ctx)), node: e }];
        }
        const fn = arg && unwrap(arg);
        if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
            return undefined;
        }
        const value = this.thenParameter(fn, 0, ctx);
        const callee = unwrap(e.expression) as ts.PropertyAccessExpression;
        if (!value) {
            return undefined;
        }
        if (ctx.has(fn)) {
            return [unknown("a promise callback calls itself", e)];
        }
        const what = callee.name.text === "apply" ? "an output" : "a promise";
        return [{ t: "promise", what, of: () => awaited(this.ev.members.callResult(fn, ctx.with(fn, { given: "the promise's value", args: [value] }), e)), node: e }];
    }

    /** What `Promise.all(list)` and `pulumi.all(list)` settle to: the list (or object) with each element awaited. */
    settled(values: Value[]): Value[] {
        return values.map((v): Value => {
            if (v.t === "array") {
                return { ...v, items: v.items.map((i) => ("value" in i ? { value: () => awaited(i.value()) } : { spread: () => i.spread().map((s) => this.settled([s])[0]) })) };
            }
            if (v.t === "object") {
                return { ...v, entries: v.entries.map((en) => ("key" in en ? { key: en.key, value: () => awaited(en.value()) } : en)) };
            }
            return v.t === "promise" ? { t: "unknown", why: "a promise of a promise", node: v.node } : v;
        });
    }

    /** The parameter of a callback written into `p.then(...)` or `o.apply(...)`: the value (the first; the rest are undefined), or undefined when p is no promise or output in view. */
    thenParameter(fn: Callable, index: number, ctx: Ctx): Value[] | undefined {
        const position = argumentOf(fn);
        if (!position || position.index !== 0 || !ts.isCallExpression(position.call)) {
            return undefined;
        }
        const callee = unwrap(position.call.expression);
        if (!ts.isPropertyAccessExpression(callee) || !CALLBACK_METHODS.has(callee.name.text)) {
            return undefined;
        }
        const receiver = this.ev.evaluate(callee.expression, ctx);
        // Only of a promise or an output in view: an object with a `then` of its own calls it however it does, and a function's `apply` is another thing.
        if (receiver.length === 0 || !receiver.every((v) => v.t === "promise")) {
            return undefined;
        }
        return index === 0 ? awaited(receiver) : [UNDEFINED];
    }
}

/** `then` of a promise, `apply` of an output. */
const CALLBACK_METHODS: ReadonlySet<string> = new Set(["then", "apply"]);
