import { ts } from "@ts-morph/common";
import { baseExpression } from "./call-sites";
import { Binding, Callable, CallSite, Ctx } from "./context";
import type { FunctionLike } from "./entities";
import type { Evaluator } from "./evaluator";
import { typeValue } from "./type-values";
import { UNDEFINED, unknown, Value } from "./values";

/**
 * The parts of evaluation that look inside functions and classes: what a function returns, what
 * an instance's field holds (assigned in the constructor, by a base class, or as a parameter
 * property), which constructor a `new` or `super(...)` reaches, and writes to a variable.
 */
export class ClassMembers {
    private readonly assignments = new Map<ts.ClassLikeDeclaration, Map<string, ts.Expression[]>>();
    private readonly imported = new Map<ts.ImportSpecifier, ts.VariableDeclaration | null>();

    constructor(private readonly ev: Evaluator) {}

    /** The value a call of `fn` returns, its parameters bound to this call. */
    returns(fn: FunctionLike, call: CallSite, ctx: Ctx): Value[] {
        if (ctx.has(fn)) {
            return [unknown(`${fn.name?.getText() ?? "a function"} calls itself`, call)];
        }
        return this.callResult(fn, ctx.with(fn, call), call);
    }

    /** What calling `fn` gives: what it returns, as a promise when it is async. */
    callResult(fn: FunctionLike, ctx: Ctx, at: ts.Node): Value[] {
        const async = (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
        return async ? [{ t: "promise", what: "a promise", of: () => this.returnValues(fn, ctx, at), node: at }] : this.returnValues(fn, ctx, at);
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

    /** What a getter's body returns (a class's, or an object literal's `get dev() { ... }`). */
    getterValues(body: ts.Block, ctx: Ctx): Value[] {
        return returnExpressions(body).flatMap((r) => (r ? this.ev.evaluate(r, ctx) : [UNDEFINED]));
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
                        found.push(...this.getterValues(m.body, ctx));
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
                // What the class's own code pushes or writes into it (`this.providers.push(p)`).
                const writes = this.ev.writes.fieldWrites(c, key);
                return writes.props.length > 0 || writes.calls.length > 0 ? found.map((v) => this.ev.writes.applyTo(v, writes, ctx)) : found;
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
                return this.getterValues(m.body, ctx);
            }
            if (m) {
                break;
            }
        }
        return [unknown(`${cls.name?.text ?? "the class"}.${key} is not a static member the linter can follow`, at)];
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
