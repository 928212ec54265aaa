import { ts } from "@ts-morph/common";
import { resolveIdentifier } from "./scopes";

/**
 * Is a `let` declared without a value certainly assigned before `use` reads it? Then its
 * `undefined` start is no value the read can see:
 *
 *     let provider: aws.Provider;
 *     if (prod) { provider = prodProvider; } else { provider = devProvider; }
 *     new aws.s3.Bucket("b", {}, { provider });
 *
 * A small part of TypeScript's own definite-assignment analysis: statements of the declaring
 * block that run between the declaration and the statement holding the read, where an assignment
 * counts if it runs on every path through them (both branches of an `if`, every clause of a
 * `switch` with a `default`, a block, a `try` block that completes, the body of a `for...of` over a
 * list literal with elements, which runs at least once, when nothing in it leaves early). Other
 * loops may run no time at all and a read inside a function declared earlier may run before any
 * assignment, so neither counts: the answer errs toward "maybe unassigned".
 */
export function assignedBeforeUse(decl: ts.VariableDeclaration, use: ts.Node): boolean {
    const statement = decl.parent.parent;
    const block = statement.parent;
    if (!ts.isVariableStatement(statement) || !("statements" in block)) {
        return false;
    }
    const statements = (block as ts.Block | ts.SourceFile | ts.ModuleBlock).statements;
    const holder = statements.find((s) => s.pos <= use.pos && use.end <= s.end);
    const from = statements.indexOf(statement);
    const to = holder ? statements.indexOf(holder) : -1;
    if (to <= from) {
        return false;
    }
    return statements.slice(from + 1, to).some((s) => assigns(s, decl));
}

/** Does `node`, run to completion, assign the variable on every path? */
function assigns(node: ts.Statement, decl: ts.VariableDeclaration): boolean {
    if (ts.isExpressionStatement(node)) {
        return assignsIn(node.expression, decl);
    }
    if (ts.isBlock(node)) {
        return node.statements.some((s) => assigns(s, decl));
    }
    if (ts.isIfStatement(node)) {
        return !!node.elseStatement && assigns(node.thenStatement, decl) && assigns(node.elseStatement, decl);
    }
    if (ts.isSwitchStatement(node)) {
        const clauses = node.caseBlock.clauses;
        return clauses.some(ts.isDefaultClause) && clauses.every((_, i) => clauseAssigns(clauses.slice(i), decl));
    }
    if (ts.isTryStatement(node)) {
        return assigns(node.tryBlock, decl) && (!node.catchClause || assigns(node.catchClause.block, decl));
    }
    if (ts.isForOfStatement(node) && !node.awaitModifier && ts.isArrayLiteralExpression(node.expression) && node.expression.elements.some((e) => !ts.isSpreadElement(e))) {
        return !leavesEarly(node.statement) && assigns(node.statement, decl);
    }
    return false;
}


/** Entering the first of `clauses` and falling through the rest, is the variable assigned before a `break`? */
function clauseAssigns(clauses: readonly ts.CaseOrDefaultClause[], decl: ts.VariableDeclaration): boolean {
    for (const s of clauses.flatMap((c) => c.statements)) {
        if (assigns(s, decl)) {
            return true;
        }
        if (ts.isBreakStatement(s)) {
            return false;
        }
    }
    return false;
}

/** `name = value` (or `a = name = value`, `(name = value)`) at the top of an expression statement. */
function assignsIn(expr: ts.Expression, decl: ts.VariableDeclaration): boolean {
    let e = expr;
    while (ts.isParenthesizedExpression(e)) {
        e = e.expression;
    }
    if (!ts.isBinaryExpression(e)) {
        return false;
    }
    if (e.operatorToken.kind === ts.SyntaxKind.CommaToken) {
        return assignsIn(e.left, decl) || assignsIn(e.right, decl);
    }
    if (e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) {
        return false;
    }
    return (ts.isIdentifier(e.left) && resolveIdentifier(e.left) === decl) || assignsIn(e.right, decl);
}

/** A `break`, `continue`, `return` or `throw` in a loop body (or callback), outside functions nested in it. */
export function leavesEarly(body: ts.Node): boolean {
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
