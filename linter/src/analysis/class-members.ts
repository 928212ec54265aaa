import { ts } from "@ts-morph/common";
import { baseExpression } from "./call-sites";
import { Binding, Callable, CallSite, Ctx, NeedsContext } from "./context";
import type { FunctionLike } from "./entities";
import { type Evaluator, short } from "./evaluator";
import { resolveIdentifier } from "./scopes";
import { typeValue } from "./type-values";
import { Entry, UNDEFINED, unknown, Value } from "./values";

/**
 * The parts of evaluation that look inside functions and classes: what a function returns, what
 * an instance's field holds (assigned in the constructor, by a base class, or as a parameter
 * property), which constructor a `new` or `super(...)` reaches, and writes to a variable.
 */
export class ClassMembers {
    private readonly writes = new Map<ts.VariableDeclaration, ReturnType<ClassMembers["findWrites"]>>();
    private readonly assignments = new Map<ts.ClassLikeDeclaration, Map<string, ts.Expression[]>>();
    private readonly imported = new Map<ts.ImportSpecifier, ts.VariableDeclaration | null>();

    constructor(private readonly ev: Evaluator) {}

    /** The value a call of `fn` returns, its parameters bound to this call. */
    returns(fn: FunctionLike, call: CallSite, ctx: Ctx): Value[] {
        if (ctx.has(fn)) {
            return [unknown(`${fn.name?.getText() ?? "a function"} calls itself`, call)];
        }
        return this.returnValues(fn, ctx.with(fn, call), call);
    }

    /** What `fn`'s body returns in `ctx` (in which its call, if it has one, is bound). */
    returnValues(fn: FunctionLike, ctx: Ctx, at: ts.Node): Value[] {
        const body = fn.body;
        if (!body) {
            return typeValue(fn.type, this.ev, `they come from a call (${fn.name?.getText() ?? "a function"}(...)) whose body is not in view`, at);
        }
        const exprs = ts.isBlock(body) ? returnExpressions(body, (condition) => this.ev.truth(condition, ctx)) : [body];
        const values: Value[] = exprs.length === 0 ? [UNDEFINED] : exprs.flatMap((r) => (r ? this.ev.evaluate(r, ctx) : [UNDEFINED]));
        // A declared return type is a sound bound where the code itself cannot be followed.
        if (fn.type && values.some((v) => v.t === "unknown")) {
            const typed = typeValue(fn.type, this.ev, "", at);
            if (!typed.some((v) => v.t === "unknown")) {
                return typed;
            }
        }
        return values;
    }

    staticMethod(cls: ts.ClassLikeDeclaration, name: string): ts.MethodDeclaration | undefined {
        return cls.members.find(
            (m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body && m.name.getText() === name && (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword),
        );
    }

    /** The project class `cls` extends, if it extends one. */
    baseClass(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
        const expr = baseExpression(cls);
        const e = expr ? this.ev.resolver.resolve(expr) : undefined;
        return e?.kind === "class" ? e.decl : undefined;
    }

    /** The constructor `new cls(...)` runs the body of: its own, or (implicit constructors) the nearest base's. */
    explicitConstructor(cls: ts.ClassLikeDeclaration): ts.ConstructorDeclaration | undefined {
        for (let c: ts.ClassLikeDeclaration | undefined = cls, i = 0; c && i < 12; c = this.baseClass(c), i++) {
            const ctor = c.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
            if (ctor) {
                return ctor;
            }
        }
        return undefined;
    }

    /**
     * A base class's constructor reached from a subclass whose construction is bound: its call is the
     * subclass constructor's `super(...)`, so its parameters follow the same `new`.
     */
    implicitBinding(fn: Callable, ctx: Ctx): Binding | undefined {
        if (!ts.isConstructorDeclaration(fn) || !ts.isClassLike(fn.parent)) {
            return undefined;
        }
        const base = fn.parent;
        for (const bound of ctx.order) {
            if (!ts.isConstructorDeclaration(bound) || !ts.isClassLike(bound.parent)) {
                continue;
            }
            // Walk up from the bound class to the first explicit constructor below `base`.
            let below: ts.ConstructorDeclaration | undefined;
            for (let c: ts.ClassLikeDeclaration | undefined = bound.parent, i = 0; c && i < 12; c = this.baseClass(c), i++) {
                if (c === base) {
                    const call = below && superCall(below);
                    return call ?? undefined;
                }
                const own = c.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
                below = own ?? below;
            }
        }
        return undefined;
    }

    /** `this.key` (or `instance.key`) for an instance of `cls` built in `ctx`. */
    field(cls: ts.ClassLikeDeclaration, key: string, ctx: Ctx, at: ts.Node): Value[] {
        for (let c: ts.ClassLikeDeclaration | undefined = cls, i = 0; c && i < 12; c = this.baseClass(c), i++) {
            const found: Value[] = [];
            for (const m of c.members) {
                if (memberName(m) === key && !isStatic(m)) {
                    if (ts.isPropertyDeclaration(m) && m.initializer) {
                        found.push(...this.ev.evaluate(m.initializer, ctx));
                    } else if (ts.isMethodDeclaration(m) && m.body) {
                        found.push({ t: "function", decl: m, ctx });
                    } else if (ts.isGetAccessorDeclaration(m) && m.body) {
                        found.push(...returnExpressions(m.body).flatMap((r) => (r ? this.ev.evaluate(r, ctx) : [UNDEFINED])));
                    }
                }
                if (ts.isConstructorDeclaration(m)) {
                    for (const p of m.parameters) {
                        const isProperty = (ts.getModifiers(p) ?? []).some((x) => PARAMETER_PROPERTY_MODIFIERS.has(x.kind));
                        if (isProperty && ts.isIdentifier(p.name) && p.name.text === key) {
                            found.push(...this.ev.parameter(p, ctx));
                        }
                    }
                }
            }
            for (const assigned of this.thisAssignments(c, key)) {
                found.push(...this.ev.evaluate(assigned, ctx));
            }
            if (found.length > 0) {
                return found;
            }
        }
        return [unknown(`${cls.name?.text ?? "the class"}.${key} is never assigned in view`, at)];
    }

    /**
     * `Cls.key` read from the class itself: a static property's initializer, a static getter's
     * returns, a static method. Statics are inherited, so bases are searched too. A static written
     * anywhere else (`Cls.key = ...`, a static block) is out of view.
     */
    staticMember(cls: ts.ClassLikeDeclaration, key: string, ctx: Ctx, at: ts.Node): Value[] {
        for (let c: ts.ClassLikeDeclaration | undefined = cls, i = 0; c && i < 12; c = this.baseClass(c), i++) {
            const m = c.members.find((m) => isStatic(m) && memberName(m) === key);
            if (m && ts.isPropertyDeclaration(m) && m.initializer) {
                return this.ev.evaluate(m.initializer, ctx);
            }
            if (m && ts.isMethodDeclaration(m) && m.body) {
                return [{ t: "function", decl: m, ctx }];
            }
            if (m && ts.isGetAccessorDeclaration(m) && m.body) {
                return returnExpressions(m.body).flatMap((r) => (r ? this.ev.evaluate(r, ctx) : [UNDEFINED]));
            }
            if (m) {
                break;
            }
        }
        return [unknown(`${cls.name?.text ?? "the class"}.${key} is not a static member the linter can follow`, at)];
    }

    /** Where a `let`/`var` is reassigned, and `obj.key = value` writes to a variable's object. */
    writesTo(decl: ts.VariableDeclaration): ReturnType<ClassMembers["findWrites"]> {
        let found = this.writes.get(decl);
        if (!found) {
            found = this.findWrites(decl);
            this.writes.set(decl, found);
        }
        return found;
    }

    private findWrites(decl: ts.VariableDeclaration): { assignments: ts.Expression[]; props: PropertyWrite[] } {
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

    private thisAssignments(cls: ts.ClassLikeDeclaration, key: string): ts.Expression[] {
        let byKey = this.assignments.get(cls);
        if (!byKey) {
            byKey = thisAssignmentsOf(cls);
            this.assignments.set(cls, byKey);
        }
        return byKey.get(key) ?? [];
    }

    /** An imported name's project declaration (`import { opts } from "./shared"`), found once per import: a file uses its imports many times. */
    importedValue(decl: ts.ImportSpecifier | ts.ImportClause | ts.ImportEqualsDeclaration | ts.NamespaceImport): ts.VariableDeclaration | undefined {
        if (!ts.isImportSpecifier(decl)) {
            return undefined;
        }
        let found = this.imported.get(decl);
        if (found === undefined) {
            found = this.findImportedValue(decl) ?? null;
            this.imported.set(decl, found);
        }
        return found ?? undefined;
    }

    /** The variable `file` exports as `name`, through re-exports. */
    exportedVariable(file: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
        return exportedVariable(file, name, this.ev, 0);
    }

    private findImportedValue(decl: ts.ImportSpecifier): ts.VariableDeclaration | undefined {
        const spec = decl.parent.parent.parent.moduleSpecifier;
        if (!ts.isStringLiteral(spec)) {
            return undefined;
        }
        const target = this.ev.resolver.sources.resolveImport(decl.getSourceFile().fileName, spec.text);
        const name = (decl.propertyName ?? decl.name).text;
        return target ? exportedVariable(target.source, name, this.ev, 0) : undefined;
    }
}

/** `obj.key = value` or `obj[key] = value` on a variable's object; `key` is the key expression when it is computed. */
export interface PropertyWrite {
    key: string | ts.Expression;
    value: ts.Expression;
    /** The lists the write loops over, when nothing but such loops stands between it and the variable's scope (undefined: it may not run). */
    loops: ts.Expression[] | undefined;
    target: ts.PropertyAccessExpression | ts.ElementAccessExpression;
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

const PARAMETER_PROPERTY_MODIFIERS = new Set([
    ts.SyntaxKind.PublicKeyword,
    ts.SyntaxKind.PrivateKeyword,
    ts.SyntaxKind.ProtectedKeyword,
    ts.SyntaxKind.ReadonlyKeyword,
    ts.SyntaxKind.OverrideKeyword,
]);

export function superCall(ctor: ts.ConstructorDeclaration): ts.CallExpression | undefined {
    let found: ts.CallExpression | undefined;
    const visit = (node: ts.Node): void => {
        if (found || ts.isFunctionLike(node)) {
            return;
        }
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
            found = node;
            return;
        }
        ts.forEachChild(node, visit);
    };
    ctor.body?.statements.forEach(visit);
    return found;
}

/** Expressions of `return` statements of a body, not of functions nested in it (undefined: `return;`). */
/** The returns of a body; with `truth`, not those under an `if` whose condition is known to go the other way. */
function returnExpressions(body: ts.Block, truth?: (condition: ts.Expression) => boolean | undefined): (ts.Expression | undefined)[] {
    const out: (ts.Expression | undefined)[] = [];
    const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) || ts.isClassLike(node)) {
            return;
        }
        if (ts.isReturnStatement(node)) {
            out.push(node.expression);
        }
        if (ts.isIfStatement(node) && truth) {
            const taken = truth(node.expression);
            if (taken !== false) {
                visit(node.thenStatement);
            }
            if (taken !== true && node.elseStatement) {
                visit(node.elseStatement);
            }
            return;
        }
        ts.forEachChild(node, visit);
    };
    body.statements.forEach(visit);
    return out;
}

/** `this.key = value` anywhere in a class's own members (not nested classes), by key. */
function thisAssignmentsOf(cls: ts.ClassLikeDeclaration): Map<string, ts.Expression[]> {
    const out = new Map<string, ts.Expression[]>();
    const visit = (node: ts.Node): void => {
        if (ts.isClassLike(node) || ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) {
            return;
        }
        if (
            ts.isBinaryExpression(node) &&
            node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            ts.isPropertyAccessExpression(node.left) &&
            node.left.expression.kind === ts.SyntaxKind.ThisKeyword
        ) {
            const key = node.left.name.text;
            out.set(key, [...(out.get(key) ?? []), node.right]);
        }
        ts.forEachChild(node, visit);
    };
    for (const m of cls.members) {
        ts.forEachChild(m, visit);
    }
    return out;
}

/** The exported variable `name` of a project file, through `export { x }`, `export { x } from` and barrels. */
function exportedVariable(file: ts.SourceFile, name: string, ev: Evaluator, depth: number): ts.VariableDeclaration | undefined {
    if (depth > 12) {
        return undefined;
    }
    const local = (n: string): ts.VariableDeclaration | undefined => {
        for (const st of file.statements) {
            if (ts.isVariableStatement(st)) {
                const d = st.declarationList.declarations.find((v) => ts.isIdentifier(v.name) && v.name.text === n);
                if (d) {
                    return d;
                }
            }
        }
        return undefined;
    };
    for (const s of file.statements) {
        if (ts.isVariableStatement(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
            const d = s.declarationList.declarations.find((v) => ts.isIdentifier(v.name) && v.name.text === name);
            if (d) {
                return d;
            }
        }
        if (ts.isExportDeclaration(s) && !s.isTypeOnly) {
            const spec = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
            const target = spec ? ev.resolver.sources.resolveImport(file.fileName, spec) : undefined;
            if (s.exportClause && ts.isNamedExports(s.exportClause)) {
                const el = s.exportClause.elements.find((e) => e.name.text === name);
                if (el) {
                    const original = (el.propertyName ?? el.name).text;
                    return target ? exportedVariable(target.source, original, ev, depth + 1) : local(original);
                }
            } else if (!s.exportClause && target) {
                const found = exportedVariable(target.source, name, ev, depth + 1);
                if (found) {
                    return found;
                }
            }
        }
    }
    return undefined;
}

function memberName(m: ts.ClassElement): string | undefined {
    return m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : undefined;
}

function isStatic(m: ts.ClassElement): boolean {
    return (ts.canHaveModifiers(m) ? (ts.getModifiers(m) ?? []) : []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
}
