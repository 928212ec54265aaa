import { ts } from "@ts-morph/common";
import { callbackSites, handedSites, Via } from "./callback-sites";
import type { CallSite, Callable } from "./context";
import { EntityResolver } from "./entities";
import { fileIndex, identifiersNamed } from "./file-index";
import { baseExpression, resolveIdentifier, unwrap } from "./scopes";

/**
 * Every place in the project that calls a function, constructor or method: so a helper's options
 * parameter is judged by what each caller passes. "unlisted" when some calls cannot be seen (the
 * function is passed around as a value, or is an anonymous callback), since then a caller could
 * pass anything.
 */
export type CallSites =
    /** `vias`: for a call made by a function this one was handed to, the call that function runs for (callback-sites.ts). */
    | { kind: "known"; calls: CallSite[]; vias?: ReadonlyMap<CallSite, Via> }
    | { kind: "unlisted"; why: string };

/** The project classes an expression may be an instance of, or undefined when that cannot be told. */
export type ReceiverClasses = (receiver: ts.Expression) => ts.ClassLikeDeclaration[] | undefined;

interface Target {
    /** The name calls use. */
    name: string;
    /** Does this callee expression name the target? */
    matches(callee: ts.Expression, call: CallSite): boolean;
    viaNew: boolean;
}

export class CallSiteFinder {
    private readonly cache = new Map<Callable, CallSites>();

    /**
     * `scope`: the files a run can report in, with the files they call into. A call elsewhere can
     * only lead to a finding elsewhere, so it is not followed (a pre-commit run of ten files stays
     * cheap); a function called only elsewhere is known to have callers, just none that matter here.
     */
    constructor(
        private readonly resolver: EntityResolver,
        private readonly receiverClasses: ReceiverClasses,
        private readonly scope?: ReadonlySet<string>,
    ) {}

    private everywhere: CallSiteFinder | undefined;

    private unscoped(): CallSiteFinder {
        this.everywhere ??= new CallSiteFinder(this.resolver, this.receiverClasses);
        return this.everywhere;
    }

    of(fn: Callable): CallSites {
        let found = this.cache.get(fn);
        if (!found) {
            found = this.search(fn);
            this.cache.set(fn, found);
        }
        return found;
    }

    private entityDecl(expr: ts.Expression): ts.Node | undefined {
        const e = this.resolver.resolve(expr);
        return e && (e.kind === "function" || e.kind === "class") ? e.decl : undefined;
    }

    private target(fn: Callable): Target | undefined {
        if (ts.isFunctionDeclaration(fn) && fn.name) {
            return { name: fn.name.text, viaNew: false, matches: (c) => this.entityDecl(c) === fn };
        }
        if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
            return { name: fn.parent.name.text, viaNew: false, matches: (c) => this.entityDecl(c) === fn };
        }
        if (ts.isConstructorDeclaration(fn) && ts.isClassLike(fn.parent)) {
            return this.constructorTarget(fn.parent);
        }
        const owner = fn.parent;
        // `make = (name, opts) => ...` in a class body is called as a method is (`factory.make(...)`).
        const property = (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isPropertyDeclaration(owner) && owner.initializer === fn && ts.isClassLike(owner.parent) ? owner : undefined;
        const member = ts.isMethodDeclaration(fn) ? fn : property ?? (ts.isPropertyAssignment(owner) ? owner : undefined);
        const methodName = member && memberName(member);
        if (!methodName) {
            return undefined;
        }
        if ((ts.isMethodDeclaration(fn) && ts.isClassLike(owner)) || property) {
            const cls = (property ? property.parent : owner) as ts.ClassLikeDeclaration;
            const isStatic = (ts.getModifiers(property ?? (fn as ts.MethodDeclaration)) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
            return {
                name: methodName,
                viaNew: false,
                matches: (callee) => {
                    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== methodName) {
                        return false;
                    }
                    if (isStatic) {
                        return this.entityDecl(callee.expression) === cls;
                    }
                    const classes = this.receiverClasses(callee.expression);
                    // A receiver that cannot be told could be an instance: an unseen caller.
                    return classes === undefined ? true : classes.some((c) => c === cls || extendsClass(c, cls, this.resolver));
                },
            };
        }
        // `const helpers = { make(opts) {...} }` called as `helpers.make(...)`.
        const literal = ts.isObjectLiteralExpression(owner) ? owner : ts.isPropertyAssignment(owner) && ts.isObjectLiteralExpression(owner.parent) ? owner.parent : undefined;
        const holder = literal && ts.isVariableDeclaration(literal.parent) ? literal.parent : undefined;
        if (!holder) {
            return undefined;
        }
        return {
            name: methodName,
            viaNew: false,
            matches: (callee) => ts.isPropertyAccessExpression(callee) && callee.name.text === methodName && ts.isIdentifier(callee.expression) && resolveIdentifier(callee.expression) === holder,
        };
    }

    private constructorTarget(cls: ts.ClassLikeDeclaration): Target | undefined {
        if (!cls.name) {
            return undefined;
        }
        // Subclasses call it through `super(...)`, or, without a constructor of their own, through `new Sub(...)`.
        return {
            name: cls.name.text,
            viaNew: true,
            matches: (callee, call) => {
                if (call.expression.kind === ts.SyntaxKind.SuperKeyword) {
                    return true;
                }
                const decl = this.entityDecl(callee);
                return decl !== undefined && ts.isClassLike(decl) && (decl === cls || (extendsClass(decl, cls, this.resolver) && !hasOwnConstructorBelow(decl, cls, this.resolver)));
            },
        };
    }

    private search(fn: Callable): CallSites {
        const callback = callbackSites(fn, this.resolver, this.receiverClasses);
        if (callback) {
            return callback.kind === "known" ? { kind: "known", calls: callback.calls, vias: new Map(callback.calls.map((c) => [c, callback.via])) } : callback;
        }
        const target = this.target(fn);
        if (!target) {
            return { kind: "unlisted", why: "they belong to an anonymous function whose callers cannot be listed" };
        }
        const sources = this.resolver.sources;
        const calls: CallSite[] = [];
        const names = new Set([target.name]);
        if (ts.isConstructorDeclaration(fn) && ts.isClassLike(fn.parent)) {
            for (const sub of this.subclassNames(fn.parent)) {
                names.add(sub);
            }
        }
        const roots = sources.searchRootsOf(fn.getSourceFile().fileName);
        const mentioning = new Set([...names].flatMap((n) => sources.filesMentioning(roots, n, this.scope)));
        // A function passed around as a value could be called with anything: look for that first. Handed
        // to a project function that only calls it, it is called there (`forEachAccount(deploy)`).
        const vias = new Map<CallSite, Via>();
        for (const file of mentioning) {
            const uses = names.size === 1 ? identifiersNamed(file.source, target.name) : [...names].flatMap((n) => identifiersNamed(file.source, n)).sort((a, b) => a.pos - b.pos);
            for (const id of uses) {
                if (!this.escapes(id, fn)) {
                    continue;
                }
                // A class or a method handed on is made or called some other way (`new C()`, a lost `this`).
                const handed = !ts.isConstructorDeclaration(fn) && !ts.isMethodDeclaration(fn) ? handedSites(id, this.resolver, this.receiverClasses) : undefined;
                if (handed?.kind !== "known") {
                    const where = sources.fileOf(id.getSourceFile())?.file ?? id.getSourceFile().fileName;
                    return { kind: "unlisted", why: handed ? `"${id.text}" is handed to a function that cannot be followed: ${handed.why} (${where})` : `"${id.text}" is passed around as a value (${where})` };
                }
                for (const call of handed.calls) {
                    vias.set(call, handed.via);
                }
            }
        }
        for (const file of mentioning) {
            for (const node of fileIndex(file.source).calls) {
                const callee = unwrap(node.expression);
                const isSuper = node.expression.kind === ts.SyntaxKind.SuperKeyword;
                if (isSuper ? ts.isConstructorDeclaration(fn) && this.isSuperOf(node as ts.CallExpression, fn.parent as ts.ClassLikeDeclaration) : target.matches(callee, node)) {
                    if (isSuper || target.viaNew === ts.isNewExpression(node)) {
                        calls.push(node);
                    }
                }
            }
        }
        calls.push(...vias.keys());
        if (calls.length === 0 && this.scope && [...names].some((n) => sources.mentionedOutside(roots, n, this.scope!))) {
            // Callers outside the scope cannot lead to findings here, but they are callers: look once.
            const everywhere = this.unscoped().of(fn);
            if (everywhere.kind === "known") {
                return { kind: "known", calls: [] };
            }
        }
        return calls.length > 0 ? { kind: "known", calls, ...(vias.size > 0 ? { vias } : {}) } : { kind: "unlisted", why: `no call of ${target.name}${target.viaNew ? "" : "()"} in the project passes them` };
    }

    private isSuperOf(call: ts.CallExpression, cls: ts.ClassLikeDeclaration): boolean {
        let sub: ts.Node | undefined = call.parent;
        while (sub && !ts.isClassLike(sub)) {
            sub = sub.parent;
        }
        const base = sub && ts.isClassLike(sub) ? baseExpression(sub) : undefined;
        return base !== undefined && this.entityDecl(base) === cls;
    }

    /** Is this mention of the function's name a use as a value (not a call, an import, a type)? */
    private escapes(id: ts.Identifier, fn: Callable): boolean {
        const parent = id.parent;
        if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === id) {
            return false;
        }
        if ((parent as ts.NamedDeclaration).name === id || ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) {
            return false;
        }
        if (ts.isPropertyAccessExpression(parent) || ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent) || ts.isExpressionWithTypeArguments(parent) || ts.isQualifiedName(parent)) {
            return false;
        }
        if (ts.isExportAssignment(parent) || ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
            return false;
        }
        const target = ts.isConstructorDeclaration(fn) ? fn.parent : fn;
        return resolveIdentifier(id) !== undefined && this.entityDecl(id) === target;
    }

    /** Names of project classes that extend `cls` (directly or through others), found by name. */
    private subclassNames(cls: ts.ClassLikeDeclaration): string[] {
        const out: string[] = [];
        const sources = this.resolver.sources;
        const roots = sources.searchRootsOf(cls.getSourceFile().fileName);
        const queue = cls.name ? [cls] : [];
        const seen = new Set<ts.ClassLikeDeclaration>(queue);
        // A subclass is declared with `extends`: files without the word are not parsed for it.
        const withExtends = new Set(sources.mentioning(roots, "extends"));
        while (queue.length > 0) {
            const c = queue.shift()!;
            for (const file of sources.mentioning(roots, c.name!.text).flatMap((f) => (withExtends.has(f) ? (sources.get(f) ?? []) : []))) {
                for (const node of fileIndex(file.source).classes) {
                    if (node.name && !seen.has(node)) {
                        const base = baseExpression(node);
                        if (base && this.entityDecl(base) === c) {
                            seen.add(node);
                            queue.push(node);
                            out.push(node.name.text);
                        }
                    }
                }
            }
        }
        return out;
    }
}

function memberName(m: ts.MethodDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration): string | undefined {
    return ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : undefined;
}

export { baseExpression };

/** Does `sub` extend `base` through project classes? */
export function extendsClass(sub: ts.ClassLikeDeclaration, base: ts.ClassLikeDeclaration, resolver: EntityResolver, depth = 0): boolean {
    const expr = baseExpression(sub);
    const e = expr && depth < 12 ? resolver.resolve(expr) : undefined;
    if (e?.kind !== "class") {
        return false;
    }
    return e.decl === base || extendsClass(e.decl, base, resolver, depth + 1);
}

/** Does a class between `sub` (inclusive) and `base` (exclusive) declare its own constructor? */
function hasOwnConstructorBelow(sub: ts.ClassLikeDeclaration, base: ts.ClassLikeDeclaration, resolver: EntityResolver): boolean {
    for (let c: ts.ClassLikeDeclaration | undefined = sub, i = 0; c && c !== base && i < 12; i++) {
        if (c.members.some((m) => ts.isConstructorDeclaration(m) && m.body)) {
            return true;
        }
        const expr = baseExpression(c);
        const e = expr ? resolver.resolve(expr) : undefined;
        c = e?.kind === "class" ? e.decl : undefined;
    }
    return false;
}
