import { ts } from "@ts-morph/common";
import { Ctx, NeedsContext } from "./context";
import { type Evaluator, short } from "./evaluator";
import { resolveIdentifier } from "./scopes";
import type { Entry, Value } from "./values";

/**
 * What is written to a variable after its declaration: reassignments of a `let`, and keys set on
 * the object it holds (`providers.prod = p`, `providers[account.name] = p`), which programs that
 * loop over their accounts fill their maps of providers with.
 */

export interface Writes {
    assignments: ts.Expression[];
    props: PropertyWrite[];
}

/** `obj.key = value` or `obj[key] = value` on a variable's object; `key` is the key expression when it is computed. */
export interface PropertyWrite {
    key: string | ts.Expression;
    value: ts.Expression;
    /** The lists the write loops over, when nothing but such loops stands between it and the variable's scope (undefined: it may not run). */
    loops: ts.Expression[] | undefined;
    target: ts.PropertyAccessExpression | ts.ElementAccessExpression;
}

export class VariableWrites {
    private readonly writes = new Map<ts.VariableDeclaration, Writes>();

    constructor(private readonly ev: Evaluator) {}

    /** Where a `let`/`var` is reassigned, and `obj.key = value` writes to a variable's object. */
    writesTo(decl: ts.VariableDeclaration): Writes {
        let found = this.writes.get(decl);
        if (!found) {
            found = this.findWrites(decl);
            this.writes.set(decl, found);
        }
        return found;
    }

    private findWrites(decl: ts.VariableDeclaration): Writes {
        const out = { assignments: [] as ts.Expression[], props: [] as PropertyWrite[] };
        if (!ts.isIdentifier(decl.name)) {
            return out;
        }
        const name = decl.name.text;
        const statement = decl.parent.parent;
        const scope = statement.parent;
        const visit = (node: ts.Node): void => {
            if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
                const left = node.left;
                if (ts.isIdentifier(left) && left.text === name && resolveIdentifier(left) === decl) {
                    out.assignments.push(node.right);
                } else if ((ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) && ts.isIdentifier(left.expression) && left.expression.text === name && resolveIdentifier(left.expression) === decl) {
                    // `providers[account.name] = ...` (filled in a loop) as much as `providers.prod = ...`.
                    const key = ts.isPropertyAccessExpression(left) ? left.name.text : ts.isStringLiteralLike(left.argumentExpression) ? left.argumentExpression.text : left.argumentExpression;
                    out.props.push({ key, value: node.right, loops: loopsAround(node, scope), target: left });
                }
            }
            ts.forEachChild(node, visit);
        };
        visit(scope);
        return out;
    }

    /** An object value with later `obj.key = value` writes layered on top. */
    withPropertyWrites(v: Extract<Value, { t: "object" }>, props: PropertyWrite[], ctx: Ctx): Value {
        const extra: Entry[] = props.flatMap((p): Entry[] => {
            const keys = typeof p.key === "string" ? [p.key] : this.literalKeys(p.key, ctx);
            if (keys === undefined) {
                // Any key may have been written: every read of the object depends on it.
                return [{ hidden: `${short(p.target)} is written with a key the linter cannot tell`, node: p.target }];
            }
            // In a loop over a list in view, each key the loop variable gives is written by its own pass.
            const everyPath = p.loops !== undefined && p.loops.every((list) => this.runsEachTime(list, ctx));
            return keys.map((key): Entry =>
                everyPath
                    ? { key, value: () => this.ev.evaluate(p.value, ctx) }
                    : // A write on some paths only: the key may keep its earlier value.
                      { spread: () => [{ t: "object", entries: [{ key, value: () => this.ev.evaluate(p.value, ctx) }], node: p.value }, { t: "absent" }] },
            );
        });
        return { ...v, entries: [...v.entries, ...extra] };
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

/** Array methods that call their callback once for every element. */
const EVERY_ELEMENT = new Set(["forEach", "map", "flatMap"]);

/**
 * The lists a write loops over on its way up to `scope` (for...of bodies, forEach/map callbacks),
 * or undefined when anything else stands between them (an if, a try, another kind of loop, a
 * function) or a loop body can leave early: then the write may not happen.
 */
function loopsAround(write: ts.BinaryExpression, scope: ts.Node): ts.Expression[] | undefined {
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

/** A `break`, `continue`, `return` or `throw` in a loop body (or callback), outside functions nested in it. */
function leavesEarly(body: ts.Node): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
        if (found || (node !== body && ts.isFunctionLike(node))) {
            return;
        }
        if (ts.isBreakStatement(node) || ts.isContinueStatement(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node)) {
            found = true;
            return;
        }
        ts.forEachChild(node, visit);
    };
    visit(body);
    return found;
}
