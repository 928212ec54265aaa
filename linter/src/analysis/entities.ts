import { ts } from "@ts-morph/common";
import type { SdkEntity } from "../sdk/model";
import type { SdkRegistry } from "../sdk/registry";
import { arrayMethodReceiver } from "./collections";
import { defaultExport, isModuleExportsAssignment, wholeExport } from "./module-exports";
import type { ProjectSources } from "./project-sources";
import { Declaration, isAmbient, namespaceExport, resolveIdentifier, topLevelDeclaration, unwrap } from "./scopes";

/**
 * What an expression names, statically: a member of an installed package (`aws.s3.Bucket`), of
 * the Pulumi core SDK (`pulumi.ComponentResource`), or a class, function, module or parameter of
 * the project. Imports are followed through barrels, aliases, workspace packages and shims.
 */
export type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export type Entity =
    | { kind: "package"; npm: string; fromDir: string; subpath: string; path: string[] }
    | { kind: "core"; path: string[] }
    | { kind: "class"; decl: ts.ClassLikeDeclaration }
    | { kind: "function"; decl: FunctionLike }
    | { kind: "module"; file: ts.SourceFile }
    /** A `namespace X { ... }` of the project: its exports are its members. */
    | { kind: "namespace"; decl: ts.ModuleDeclaration }
    | { kind: "parameter"; decl: ts.ParameterDeclaration };

const MAX_DEPTH = 16;

function hasExportModifier(node: ts.Node): boolean {
    return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

export class EntityResolver {
    /** Globals a file sees without importing them (SST's `aws` and `sst` in sst.config.ts). */
    globals: (file: ts.SourceFile, name: string) => Entity | undefined = () => undefined;

    constructor(
        readonly sources: ProjectSources,
        readonly registry: SdkRegistry,
    ) {}

    /** What the package knows about a package entity, from its declarations (undefined: not installed or not found). */
    sdkInfo(entity: Extract<Entity, { kind: "package" }>): SdkEntity | undefined {
        return this.registry.package(entity.npm, entity.fromDir)?.lookup(entity.path, entity.subpath);
    }

    /**
     * What a library that is not a Pulumi SDK (the registry knows nothing of it) declares for an
     * entity in its shipped declaration file: a function's declared return type is then what its
     * calls give, as for any function whose body is not in view.
     */
    declaredInTypes(entity: Extract<Entity, { kind: "package" }>): Entity | undefined {
        const file = this.sources.modules.packageTypes(entity.npm, entity.subpath, entity.fromDir);
        const parsed = file ? this.sources.get(file) : undefined;
        let found: Entity | undefined = parsed && { kind: "module", file: parsed.source };
        for (const name of entity.path) {
            found = found && this.member(found, name, 1);
        }
        return found;
    }

    /**
     * `[aws.sns.Topic, aws.sqs.Queue].forEach((T) => new T(...))`: the element parameter of a callback
     * over a list of SDK classes in view is one of them; as with a condition between classes, one
     * created on some path is created on that path (it was not seen as a resource at all).
     */
    private listedClass(param: ts.ParameterDeclaration, depth: number): Entity | undefined {
        const fn = param.parent;
        if (fn.parameters[0] !== param || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
            return undefined;
        }
        let list = arrayMethodReceiver(fn);
        if (list && ts.isIdentifier(unwrap(list))) {
            const decl = resolveIdentifier(unwrap(list) as ts.Identifier);
            const constant = decl && ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
            list = constant ? decl.initializer : undefined;
        }
        const literal = list && unwrap(list);
        if (!literal || !ts.isArrayLiteralExpression(literal)) {
            return undefined;
        }
        return literal.elements.map((el) => (ts.isSpreadElement(el) ? undefined : this.resolve(el, depth + 1))).find((e) => e?.kind === "package");
    }

    fromModule(fromFile: ts.SourceFile, specifier: string, names: string[], depth: number): Entity | undefined {
        const target = this.sources.modules.resolve(fromFile.fileName, specifier);
        if (!target) {
            return undefined;
        }
        if (target.kind === "core") {
            return { kind: "core", path: names };
        }
        if (target.kind === "package") {
            return { kind: "package", npm: target.npm, fromDir: target.fromDir, subpath: target.subpath, path: names };
        }
        const parsed = this.sources.get(target.file);
        let entity: Entity | undefined = parsed && { kind: "module", file: parsed.source };
        for (const name of names) {
            entity = entity && this.member(entity, name, depth + 1);
        }
        return entity;
    }

    /** `entity.name`. */
    member(entity: Entity, name: string, depth: number): Entity | undefined {
        if (entity.kind === "package") {
            return { kind: "package", npm: entity.npm, fromDir: entity.fromDir, subpath: entity.subpath, path: [...entity.path, name] };
        }
        if (entity.kind === "core") {
            return { kind: "core", path: [...entity.path, name] };
        }
        if (entity.kind === "module") {
            return this.exported(entity.file, name, depth + 1);
        }
        if (entity.kind === "namespace") {
            const decl = namespaceExport(entity.decl, name);
            return decl && this.fromDeclaration(decl, depth + 1);
        }
        return undefined;
    }

    /** What `file` exports as `name`, through `export *`, `export * as`, `export { x } from` and `export =`. */
    exported(file: ts.SourceFile, name: string, depth: number): Entity | undefined {
        if (depth > MAX_DEPTH) {
            return undefined;
        }
        const stars: string[] = [];
        for (const s of file.statements) {
            if (ts.isExportDeclaration(s) && !s.isTypeOnly) {
                const spec = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
                if (!s.exportClause) {
                    if (spec) {
                        stars.push(spec);
                    }
                } else if (ts.isNamespaceExport(s.exportClause)) {
                    if (s.exportClause.name.text === name && spec) {
                        return this.fromModule(file, spec, [], depth + 1);
                    }
                } else {
                    for (const el of s.exportClause.elements) {
                        if (el.name.text === name) {
                            const local = (el.propertyName ?? el.name).text;
                            if (spec) {
                                return this.fromModule(file, spec, [local], depth + 1);
                            }
                            const decl = topLevelDeclaration(file, local);
                            return decl && this.fromDeclaration(decl, depth + 1);
                        }
                    }
                }
            } else if (ts.isExportAssignment(s) && s.isExportEquals) {
                const whole = this.resolve(s.expression, depth + 1);
                return whole && this.member(whole, name, depth + 1);
            } else if (isModuleExportsAssignment(s)) {
                const whole = this.resolve(s.expression.right, depth + 1);
                return whole && this.member(whole, name, depth + 1);
            }
        }
        const decl = topLevelDeclaration(file, name);
        if (decl && (hasExportModifier(decl) || (ts.isVariableDeclaration(decl) && hasExportModifier(decl.parent.parent)))) {
            return this.fromDeclaration(decl, depth + 1);
        }
        for (const spec of stars) {
            const found = this.fromModule(file, spec, [name], depth + 1);
            // A star re-export of a package cannot be checked for the name; take it as the package's.
            if (found && (found.kind !== "package" || this.sdkInfo(found) !== undefined || !this.registry.package(found.npm, found.fromDir))) {
                return found;
            }
        }
        return undefined;
    }

    private readonly modulesImported = new Map<ts.NamespaceImport | ts.ImportClause, Entity | null>();

    /** What expressions resolved to when asked from the top: classification, call-site searches and evaluation all ask about the same callees. */
    private readonly resolved = new WeakMap<ts.Expression, Entity | null>();

    resolve(expr: ts.Expression, depth = 0): Entity | undefined {
        if (depth > 0) {
            return this.resolveUncached(expr, depth);
        }
        // Only top-level answers are kept: one reached deeper in a chain may be cut short by MAX_DEPTH.
        let hit = this.resolved.get(expr);
        if (hit === undefined) {
            hit = this.resolveUncached(expr, 0) ?? null;
            this.resolved.set(expr, hit);
        }
        return hit ?? undefined;
    }

    private resolveUncached(expr: ts.Expression, depth: number): Entity | undefined {
        if (depth > MAX_DEPTH) {
            return undefined;
        }
        const e = unwrap(expr);
        if (ts.isIdentifier(e)) {
            const decl = resolveIdentifier(e);
            return decl ? this.fromDeclaration(decl, depth + 1) : this.globals(e.getSourceFile(), e.text);
        }
        if (ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression))) {
            const key = ts.isPropertyAccessExpression(e) ? e.name.text : (e.argumentExpression as ts.StringLiteralLike).text;
            const base = this.resolve(e.expression, depth + 1);
            if (base) {
                return this.member(base, key, depth + 1);
            }
            // `const kinds = { bucket: aws.s3.Bucket }; new kinds.bucket(...)`: the member's own initializer.
            const written = constantObjectMember(e.expression, key);
            return written && this.resolve(written, depth + 1);
        }
        // `cond ? aws.s3.Bucket : aws.s3.BucketV2`: an SDK class on some path is created on that path.
        if (ts.isConditionalExpression(e)) {
            const sdk = [e.whenTrue, e.whenFalse].map((branch) => this.resolve(branch, depth + 1)).find((b) => b?.kind === "package");
            if (sdk) {
                return sdk;
            }
        }
        // `const aws = await import("@pulumi/aws")`: the module, as require() gives it.
        const imported = ts.isAwaitExpression(e) ? dynamicImport(unwrap(e.expression)) : undefined;
        if (imported !== undefined) {
            return this.fromModule(e.getSourceFile(), imported, [], depth + 1);
        }
        const required = requiredModule(e);
        if (required !== undefined) {
            return this.fromModule(e.getSourceFile(), required, [], depth + 1);
        }
        if (ts.isClassExpression(e)) {
            return { kind: "class", decl: e };
        }
        if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
            return { kind: "function", decl: e };
        }
        return undefined;
    }

    fromDeclaration(decl: Declaration, depth: number): Entity | undefined {
        if (depth > MAX_DEPTH) {
            return undefined;
        }
        const file = decl.getSourceFile();
        if (ts.isNamespaceImport(decl) || ts.isImportClause(decl)) {
            // A whole module, whatever the depth (nothing below is followed): found once per import,
            // where every `aws.x.Y` of a file would otherwise resolve `aws` again.
            let whole = this.modulesImported.get(decl);
            if (whole === undefined) {
                // `import aws from "@pulumi/aws"` (esModuleInterop) is the module itself too.
                whole = this.fromModule(file, moduleText(ts.isNamespaceImport(decl) ? decl.parent.parent : decl.parent), [], depth) ?? null;
                if (whole?.kind === "module" && ts.isImportClause(decl)) {
                    whole = this.defaultOf(whole.file, depth) ?? null;
                }
                this.modulesImported.set(decl, whole);
            }
            return whole ?? undefined;
        }
        if (ts.isImportSpecifier(decl)) {
            const imported = (decl.propertyName ?? decl.name).text;
            return this.fromModule(file, moduleText(decl.parent.parent.parent), [imported], depth);
        }
        if (ts.isImportEqualsDeclaration(decl)) {
            const ref = decl.moduleReference;
            if (ts.isExternalModuleReference(ref)) {
                return ts.isStringLiteral(ref.expression) ? this.fromModule(file, ref.expression.text, [], depth) : undefined;
            }
            return this.resolveEntityName(ref, depth);
        }
        if (ts.isVariableDeclaration(decl)) {
            // Only constants name things for good; a `let` may be reassigned to anything.
            const constant = ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
            return decl.initializer && (constant || file.isDeclarationFile) ? this.resolve(decl.initializer, depth + 1) : undefined;
        }
        if (ts.isBindingElement(decl)) {
            return this.fromBindingElement(decl, depth);
        }
        if (ts.isParameter(decl)) {
            // `C: typeof aws.s3.Bucket`: whatever is passed is that SDK class (or a subclass of it), so
            // `new C(...)` creates one of its resources (it was once not seen at all).
            const target = decl.type && ts.isTypeQueryNode(decl.type) && ts.isEntityName(decl.type.exprName) ? this.resolveEntityName(decl.type.exprName, depth + 1) : this.listedClass(decl, depth);
            return target?.kind === "package" ? target : { kind: "parameter", decl };
        }
        if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) {
            return { kind: "class", decl };
        }
        if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) {
            return { kind: "function", decl };
        }
        if (ts.isModuleDeclaration(decl) && decl.body && ts.isModuleBlock(decl.body) && !isAmbient(decl)) {
            return { kind: "namespace", decl };
        }
        return undefined;
    }

    /**
     * What `import x from "./m"` names: m's default export (a class, a function, what an expression
     * names), or, for a module that assigns module.exports, that; else the module (esModuleInterop).
     */
    private defaultOf(file: ts.SourceFile, depth: number): Entity | undefined {
        const found = defaultExport(file);
        if (found && "decl" in found) {
            return ts.isClassDeclaration(found.decl) ? { kind: "class", decl: found.decl } : { kind: "function", decl: found.decl };
        }
        const named = found?.expr ?? wholeExport(file);
        return named ? this.resolve(named, depth + 1) : this.exported(file, "default", depth + 1) ?? { kind: "module", file };
    }

    /** `const { s3, Bucket: B } = aws` or `const { s3: { Bucket } } = require("@pulumi/aws")`. */
    private fromBindingElement(el: ts.BindingElement, depth: number): Entity | undefined {
        const pattern = el.parent;
        if (!ts.isObjectBindingPattern(pattern) || el.dotDotDotToken) {
            return undefined;
        }
        const key = el.propertyName ?? el.name;
        if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) {
            return undefined;
        }
        const holder = pattern.parent;
        let base: Entity | undefined;
        if (ts.isVariableDeclaration(holder)) {
            base = holder.initializer ? this.resolve(holder.initializer, depth + 1) : undefined;
        } else if (ts.isBindingElement(holder)) {
            base = this.fromBindingElement(holder, depth + 1);
        }
        return base && this.member(base, key.text, depth + 1);
    }

    resolveEntityName(name: ts.EntityName, depth: number): Entity | undefined {
        if (ts.isIdentifier(name)) {
            const decl = resolveIdentifier(name);
            return decl ? this.fromDeclaration(decl, depth + 1) : this.globals(name.getSourceFile(), name.text);
        }
        const base = this.resolveEntityName(name.left, depth + 1);
        return base && this.member(base, name.right.text, depth + 1);
    }
}

function moduleText(decl: ts.ImportDeclaration | ts.JSDocImportTag): string {
    return ts.isStringLiteral(decl.moduleSpecifier) ? decl.moduleSpecifier.text : "";
}

/** `require("x")` -> "x". */
function requiredModule(e: ts.Expression): string | undefined {
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && e.arguments.length === 1) {
        const arg = e.arguments[0];
        if (ts.isStringLiteralLike(arg) && !resolveIdentifier(e.expression)) {
            return arg.text;
        }
    }
    return undefined;
}

/** `import("x")` -> "x". */
function dynamicImport(e: ts.Expression): string | undefined {
    return ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0]) ? e.arguments[0].text : undefined;
}

/**
 * The expression a constant object literal writes for `key` (`const kinds = { bucket: aws.s3.Bucket }`),
 * when the object is such a literal, named directly or through a `const`.
 */
function constantObjectMember(owner: ts.Expression, key: string): ts.Expression | undefined {
    let e = unwrap(owner);
    if (ts.isIdentifier(e)) {
        const decl = resolveIdentifier(e);
        const constant = decl && ts.isVariableDeclaration(decl) && ts.isVariableDeclarationList(decl.parent) && (decl.parent.flags & ts.NodeFlags.Const) !== 0;
        if (!constant || !decl.initializer) {
            return undefined;
        }
        e = unwrap(decl.initializer);
    }
    if (!ts.isObjectLiteralExpression(e)) {
        return undefined;
    }
    // The last writer of the key wins; a spread after it could replace it, so then nothing is certain.
    for (let i = e.properties.length - 1; i >= 0; i--) {
        const p = e.properties[i];
        if (ts.isSpreadAssignment(p)) {
            return undefined;
        }
        const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) ? p.name.text : undefined;
        if (name === key) {
            return ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
        }
    }
    return undefined;
}
