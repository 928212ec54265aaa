import { ts } from "@ts-morph/common";
import type { Ctx } from "./context";
import type { Evaluator } from "./evaluator";
import { resolveIdentifier, unwrap } from "./scopes";
import { dedupe, isNothing, type Value } from "./values";

/**
 * Reads that the code in front of them has made defined, unless by a value that may itself be
 * undefined: `if (!provider) throw new Error(...)` (or `return`, `continue`, `break`, node's
 * `assert(provider)`) in front of a read of `provider`; the memoised factory
 * `if (!cache[k]) { cache[k] = new aws.Provider(...); } return cache[k];` (or with
 * `map.has(k)` / `map.set(k, ...)` / `map.get(k)`), a read after an unconditional write
 * (`cache[k] = p; return cache[k];`), and a read inside `if (cache[k]) { ... }`. The evaluator is
 * flow-insensitive: it sees that the write may not run, and read such a factory's result as
 * "undefined on some path", an error on correct code. Syntax only, within one function body;
 * a `delete` or another write between the guard and the read is not looked for.
 *
 * Returns the values written (the read is defined if none of them is undefined), or undefined when
 * nothing in front of the read makes it defined.
 */
export function definedHere(read: ts.Expression): ts.Expression[] | undefined {
    const target = locationOf(read);
    if (!target) {
        return undefined;
    }
    let node: ts.Node = read;
    for (let parent = node.parent; parent && !ts.isFunctionLike(parent); node = parent, parent = parent.parent) {
        if (ts.isIfStatement(parent) && ((parent.thenStatement === node && guards(parent.expression, target, true)) || (parent.elseStatement === node && guards(parent.expression, target, false)))) {
            return [];
        }
        if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
            const statements = parent.statements;
            for (let i = statements.indexOf(node as ts.Statement) - 1; i >= 0; i--) {
                const written = initialises(statements[i], target);
                if (written) {
                    return written;
                }
            }
        }
    }
    return undefined;
}

/**
 * A read's values where code in front of it made it defined: without undefined, and a read by a key
 * the linter cannot tell opened into the collection's values (values.ts `oneOf`) with what the
 * guard wrote. As it was when nothing in front of it does, or a value written may be undefined.
 */
export function definedRead(ev: Evaluator, expr: ts.Expression, result: Value[], ctx: Ctx): Value[] {
    const written = definedHere(expr)?.map((w) => ev.evaluate(w, ctx));
    if (!written || written.some((v) => v.some(isNothing))) {
        return result;
    }
    const opened = [...result.flatMap((v) => (v.t === "unknown" && v.oneOf ? v.oneOf() : [v])), ...written.flat()];
    const defined = dedupe(opened.filter((v) => !isNothing(v)));
    return defined.length > 0 ? defined : result;
}

/** What a read reads, as text: `cache[k]` for `cache[k]`, `cache.get(k)` and `cache.has(k)`'s map. */
interface Location {
    /** `cache[k]`, or `cache` for a Map. */
    text: string;
    map: boolean;
    /** `cache` of `cache[k]`. */
    object?: string;
    /** `k` of `cache[k]` and `cache.get(k)`. */
    key?: string;
}

function textOf(e: ts.Node): string {
    return e.getText().replace(/\s+/g, "");
}

function locationOf(expr: ts.Expression): Location | undefined {
    const e = unwrap(expr);
    if (ts.isElementAccessExpression(e)) {
        return { text: textOf(e), map: false, object: textOf(e.expression), key: textOf(e.argumentExpression) };
    }
    if (ts.isPropertyAccessExpression(e) || ts.isIdentifier(e)) {
        return { text: textOf(e), map: false };
    }
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "get" && e.arguments.length === 1) {
        return { text: textOf(e.expression.expression), map: true, key: textOf(e.arguments[0]) };
    }
    return undefined;
}

/** `m.<method>(key, ...)` of the same map and key. */
function isMapCall(e: ts.Expression, target: Location, method: string): boolean {
    const call = unwrap(e);
    return ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === method && textOf(call.expression.expression) === target.text && call.arguments.length >= 1 && textOf(call.arguments[0]) === target.key;
}

function sameLocation(e: ts.Expression, target: Location): boolean {
    return target.map ? isMapCall(e, target, "get") : textOf(unwrap(e)) === target.text;
}

/** Does `condition` hold exactly when the location is set (`present`), or exactly when it is not? */
function guards(condition: ts.Expression, target: Location, present: boolean): boolean {
    const c = unwrap(condition);
    if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
        return guards(c.operand, target, !present);
    }
    if (present && (sameLocation(c, target) || (target.map && isMapCall(c, target, "has")))) {
        return true;
    }
    if (present && !target.map && target.key !== undefined && ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.InKeyword) {
        return textOf(c.left) === target.key && textOf(c.right) === target.object; // `k in cache`
    }
    if (ts.isBinaryExpression(c) && sameLocation(c.left, target) && isNothingLiteral(c.right)) {
        const op = c.operatorToken.kind;
        const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
        const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
        return present ? unequal : equal;
    }
    return false;
}

function isNothingLiteral(e: ts.Expression): boolean {
    const u = unwrap(e);
    return u.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(u) && u.text === "undefined") || ts.isVoidExpression(u);
}

/**
 * What makes the location defined after `statement`: `L = v;` or `m.set(k, v);` (the value), such a
 * write in `if (<L is missing>) { ... }` (the value), or `if (<L is missing>)` that
 * leaves (`throw`, `return`, `continue`, `break`; with an `else` or not), `if (L) ... else` that
 * leaves, or an `assert(L)` of node:assert (nothing written).
 */
function initialises(statement: ts.Statement, target: Location): ts.Expression[] | undefined {
    const direct = written(statement, target);
    if (direct) {
        return [direct];
    }
    if (ts.isIfStatement(statement) && guards(statement.expression, target, false)) {
        const body = statement.thenStatement;
        const inBody = ts.isBlock(body) ? body.statements.map((s) => written(s, target)).find((w) => w !== undefined) : written(body, target);
        // Written or left when it is missing: an `else` runs only when it is there.
        if (inBody) {
            return [inBody];
        }
        return leaves(body) ? [] : undefined;
    }
    if (ts.isIfStatement(statement) && statement.elseStatement && guards(statement.expression, target, true) && leaves(statement.elseStatement)) {
        return []; // `if (provider) { ... } else { throw ... }`
    }
    return asserts(statement, target) ? [] : undefined;
}

/** Does a statement always leave the code after it (its last statement throws, returns, continues or breaks)? */
function leaves(statement: ts.Statement): boolean {
    const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
    return last !== undefined && (ts.isThrowStatement(last) || ts.isReturnStatement(last) || ts.isContinueStatement(last) || ts.isBreakStatement(last));
}

/** `assert(L)`, `assert.ok(L)` of node:assert, which throw unless L is truthy. */
function asserts(statement: ts.Statement, target: Location): boolean {
    if (!ts.isExpressionStatement(statement)) {
        return false;
    }
    const call = unwrap(statement.expression);
    if (!ts.isCallExpression(call) || call.arguments.length === 0 || !guards(call.arguments[0], target, true)) {
        return false;
    }
    const callee = unwrap(call.expression);
    const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) && callee.name.text === "ok" && ts.isIdentifier(callee.expression) ? callee.expression : undefined;
    const decl = name && resolveIdentifier(name);
    let imported: ts.Node | undefined = decl;
    while (imported && !ts.isImportDeclaration(imported)) {
        imported = imported.parent;
    }
    return !!imported && ts.isImportDeclaration(imported) && ts.isStringLiteral(imported.moduleSpecifier) && /^(node:)?assert(\/strict)?$/.test(imported.moduleSpecifier.text);
}

function written(statement: ts.Statement, target: Location): ts.Expression | undefined {
    if (!ts.isExpressionStatement(statement)) {
        return undefined;
    }
    const e = unwrap(statement.expression);
    if (target.map) {
        return isMapCall(e, target, "set") && (e as ts.CallExpression).arguments.length === 2 ? (e as ts.CallExpression).arguments[1] : undefined;
    }
    const assigns = ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.EqualsToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken);
    return assigns && textOf(unwrap(e.left)) === target.text ? e.right : undefined;
}
