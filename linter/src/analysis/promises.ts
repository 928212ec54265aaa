import { ts } from "@ts-morph/common";
import type { Callable, Ctx } from "./context";
import type { Evaluator } from "./evaluator";
import { resolveIdentifier, unwrap, WRAPPER_KINDS } from "./scopes";
import { UNDEFINED, unknown, type Value } from "./values";

/**
 * Promises of values, which are their values here as everywhere (an awaited provider is the
 * provider): `Promise.all([a, b])` is the list, `p.then((x) => ...)` what the callback returns
 * for x, p's value. Both were "a call the linter cannot follow", unverifiable on every resource
 * they reach (test/linter/rules/promises.test.ts).
 */
export class PromiseValues {
    constructor(private readonly ev: Evaluator) {}

    /** `Promise.all(list)`, `p.then(fn)`; undefined for other calls, and for a `then` of something that is no promise in view. */
    call(e: ts.CallExpression, ctx: Ctx): Value[] | undefined {
        const arg = e.arguments[0];
        if (isPromiseAll(e) && e.arguments.length === 1 && !ts.isSpreadElement(arg)) {
            return this.ev.evaluate(arg, ctx);
        }
        const fn = arg && unwrap(arg);
        if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
            return undefined;
        }
        const awaited = this.thenParameter(fn, 0, ctx);
        if (!awaited) {
            return undefined;
        }
        return ctx.has(fn) ? [unknown("a promise callback calls itself", e)] : this.ev.members.returnValues(fn, ctx.with(fn, { given: "the promise's value", args: [awaited] }), e);
    }

    /** The parameter of a callback written into `p.then(...)`: p's value (the first; the rest are undefined), or undefined when p is no promise in view. */
    thenParameter(fn: Callable, index: number, ctx: Ctx): Value[] | undefined {
        let arg: ts.Node = fn;
        while (WRAPPER_KINDS.has(arg.parent.kind)) {
            arg = arg.parent;
        }
        const call = arg.parent;
        if (!ts.isCallExpression(call) || call.arguments[0] !== arg) {
            return undefined;
        }
        const callee = unwrap(call.expression);
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "then") {
            return undefined;
        }
        const awaited = this.ev.evaluate(callee.expression, ctx);
        // An object of the project with a `then` of its own calls it however it does.
        if (awaited.some((v) => v.t === "object" || v.t === "instance" || v.t === "function")) {
            return undefined;
        }
        return index === 0 ? awaited : [UNDEFINED];
    }
}

function isPromiseAll(call: ts.CallExpression): boolean {
    const callee = unwrap(call.expression);
    return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Promise" && !resolveIdentifier(callee.expression) && callee.name.text === "all";
}
