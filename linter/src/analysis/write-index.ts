import { ts } from "@ts-morph/common";
import { leavesEarly } from "./definite-assignment";
import { resolveIdentifier, thisContainer } from "./scopes";

/**
 * What is written to a variable after its declaration: reassignments of a `let`; keys set on the
 * object it holds (`providers.prod = p`, `providers[account.name] = p` in a loop over the accounts,
 * `holder.opts.provider = p`, `Object.assign(opts, { provider })`); and what is pushed into the
 * list it holds; the same for what a class keeps in a field it fills in its own code. Writes are
 * layered onto the declared value wherever they stand (variable-writes.ts).
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

/**
 * Where each variable and field is written, found by walking the code once per scope (and once
 * per class) rather than once per variable.
 */
export class WriteIndex {
    private readonly writes = new Map<ts.VariableDeclaration, Writes>();
    private readonly indexed = new Set<ts.Node>();
    private readonly fields = new Map<ts.ClassLikeDeclaration, Map<string, Writes>>();

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
     * Writes into what a field holds (`this.providers.push(p)`, `this.byName[id] = p` in the
     * class's own code): in the constructor they run as its body does, in a method maybe not.
     */
    fieldWrites(cls: ts.ClassLikeDeclaration, key: string): Writes {
        let byKey = this.fields.get(cls);
        if (!byKey) {
            byKey = this.indexFields(cls);
            this.fields.set(cls, byKey);
        }
        return byKey.get(key) ?? NO_WRITES;
    }

    private indexFields(cls: ts.ClassLikeDeclaration): Map<string, Writes> {
        const byKey = new Map<string, Writes>();
        const ctor = cls.members.find(ts.isConstructorDeclaration)?.body;
        const writesOf = (root: ts.Expression, at: ts.Node): { w: Writes; loops: ts.Expression[] | undefined } | undefined => {
            // `this.<key>` of this class, not of a function nested in it.
            if (!ts.isPropertyAccessExpression(root) || root.expression.kind !== ts.SyntaxKind.ThisKeyword || thisContainer(root) !== cls) {
                return undefined;
            }
            let w = byKey.get(root.name.text);
            if (!w) {
                w = { assignments: [], props: [], calls: [] };
                byKey.set(root.name.text, w);
            }
            const inCtor = ctor !== undefined && at.pos >= ctor.pos && at.end <= ctor.end;
            return { w, loops: inCtor ? loopsAround(at as ts.Expression, ctor) : undefined };
        };
        const visit = (node: ts.Node): void => {
            if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left))) {
                // `this.byName[id] = p`: the chain below `this.byName`.
                const inner = writtenPath(node.left, isThisField);
                const found = inner && writesOf(inner.root, node);
                if (inner && found) {
                    const [key, ...rest] = inner.keys;
                    found.w.props.push({ key, rest, value: node.right, loops: found.loops, target: node.left });
                }
            }
            if (isObjectAssign(node)) {
                const found = writesOf(node.arguments[0], node);
                found?.w.props.push({ assigned: node.arguments.slice(1), loops: found.loops, target: node });
            } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATORS.has(node.expression.name.text)) {
                const found = writesOf(node.expression.expression, node);
                found?.w.calls.push({ method: node.expression.name.text, call: node, loops: found.loops });
            }
            ts.forEachChild(node, visit);
        };
        cls.members.filter((m) => !(ts.canHaveModifiers(m) && (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword))).forEach(visit);
        return byKey;
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
}

const NO_WRITES: Writes = { assignments: [], props: [], calls: [] };


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
 * What a write's target starts at and the keys down to it (`holder.opts.provider` -> holder,
 * ["opts", "provider"]); a computed key only as the first. `isRoot` stops the walk early (at a
 * field, `this.byName`, for `this.byName[id] = p`).
 */
function writtenPath(target: ts.PropertyAccessExpression | ts.ElementAccessExpression, isRoot: (e: ts.Expression) => boolean = () => false): { root: ts.Expression; keys: [string | ts.Expression, ...string[]] } | undefined {
    const keys: (string | ts.Expression)[] = [];
    let e: ts.Expression = target;
    while ((ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) && !isRoot(e)) {
        keys.unshift(ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : e.argumentExpression);
        e = e.expression;
    }
    return keys.length === 0 || keys.slice(1).some((k) => typeof k !== "string") ? undefined : { root: e, keys: keys as [string | ts.Expression, ...string[]] };
}

/** `this.<name>`: a field of the class the code is in. */
function isThisField(e: ts.Expression): boolean {
    return ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword;
}

/** The block (or file, or loop) a variable is declared in: where its writes can be. */
function scopeOf(decl: ts.VariableDeclaration): ts.Node {
    return decl.parent.parent.parent;
}
