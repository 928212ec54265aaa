import { ts } from "@ts-morph/common";
import { ProjectSources } from "./project-sources";
import { Declaration, resolveIdentifier, topLevelDeclaration, unwrap } from "./scopes";

/**
 * What an expression stands for, as far as the guardrails care: something from a Pulumi package
 * (`aws.s3.Bucket`, `pulumi.ComponentResource`), or a class, function or module of the project.
 */
export type Entity =
    | { kind: "package"; pkg: string; path: string[] }
    | { kind: "class"; decl: ts.ClassLikeDeclaration }
    | { kind: "function"; decl: ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction }
    | { kind: "module"; file: ts.SourceFile }
    | { kind: "parameter"; decl: ts.ParameterDeclaration };

/** The Pulumi core SDK, whose ComponentResource and mergeOptions matter here. */
export const PULUMI_PACKAGE = "pulumi";

const MAX_DEPTH = 12;

function hasExportModifier(node: ts.Node): boolean {
    return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

export class EntityResolver {
    /** `@pulumi/aws` -> `aws`, plus the configured extra packages. */
    private readonly modules: Map<string, string>;

    constructor(
        readonly sources: ProjectSources,
        readonly awsPackages: readonly string[],
    ) {
        this.modules = new Map([["@pulumi/pulumi", PULUMI_PACKAGE]]);
        for (const pkg of awsPackages) {
            this.modules.set(`@pulumi/${pkg}`, pkg);
        }
    }

    isAwsPackage(pkg: string): boolean {
        return pkg !== PULUMI_PACKAGE && this.awsPackages.includes(pkg);
    }

    /** `@pulumi/aws/s3` -> aws, ["s3"]; a relative path -> the project module. */
    fromModule(fromFile: ts.SourceFile, specifier: string, path: string[], depth: number): Entity | undefined {
        for (const [module, pkg] of this.modules) {
            if (specifier === module) {
                return { kind: "package", pkg, path };
            }
            if (specifier.startsWith(`${module}/`)) {
                const sub = pkg === PULUMI_PACKAGE ? [] : specifier.slice(module.length + 1).split("/").filter((s) => s && s !== "index");
                return { kind: "package", pkg, path: [...sub, ...path] };
            }
        }
        const target = this.sources.resolveImport(fromFile.fileName, specifier);
        if (!target) {
            return undefined;
        }
        let entity: Entity | undefined = { kind: "module", file: target.source };
        for (const name of path) {
            entity = entity && this.member(entity, name, depth + 1);
        }
        return entity;
    }

    /** `entity.name`. */
    member(entity: Entity, name: string, depth: number): Entity | undefined {
        if (entity.kind === "package") {
            return { kind: "package", pkg: entity.pkg, path: [...entity.path, name] };
        }
        if (entity.kind === "module") {
            return this.exported(entity.file, name, depth + 1);
        }
        return undefined;
    }

    /** What `file` exports as `name`. */
    exported(file: ts.SourceFile, name: string, depth: number): Entity | undefined {
        if (depth > MAX_DEPTH) {
            return undefined;
        }
        for (const s of file.statements) {
            if (ts.isExportDeclaration(s)) {
                const spec = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
                if (!s.exportClause) {
                    const found = spec ? this.fromModule(file, spec, [name], depth + 1) : undefined;
                    if (found) {
                        return found;
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
            }
        }
        const decl = topLevelDeclaration(file, name);
        if (decl && (hasExportModifier(decl) || (ts.isVariableDeclaration(decl) && hasExportModifier(decl.parent.parent)))) {
            return this.fromDeclaration(decl, depth + 1);
        }
        return undefined;
    }

    resolve(expr: ts.Expression, depth = 0): Entity | undefined {
        if (depth > MAX_DEPTH) {
            return undefined;
        }
        const e = unwrap(expr);
        if (ts.isIdentifier(e)) {
            const decl = resolveIdentifier(e);
            return decl && this.fromDeclaration(decl, depth + 1);
        }
        if (ts.isPropertyAccessExpression(e)) {
            const base = this.resolve(e.expression, depth + 1);
            return base && this.member(base, e.name.text, depth + 1);
        }
        if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
            const base = this.resolve(e.expression, depth + 1);
            return base && this.member(base, e.argumentExpression.text, depth + 1);
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
        if (ts.isNamespaceImport(decl)) {
            return this.fromModule(file, moduleText(decl.parent.parent), [], depth);
        }
        if (ts.isImportClause(decl)) {
            // `import aws from "@pulumi/aws"` (esModuleInterop): the module itself.
            return this.fromModule(file, moduleText(decl.parent), [], depth);
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
            return decl.initializer ? this.resolve(decl.initializer, depth + 1) : undefined;
        }
        if (ts.isBindingElement(decl)) {
            return this.fromBindingElement(decl, depth);
        }
        if (ts.isParameter(decl)) {
            return { kind: "parameter", decl };
        }
        if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) {
            return { kind: "class", decl };
        }
        if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) {
            return { kind: "function", decl };
        }
        return undefined;
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

    private resolveEntityName(name: ts.EntityName, depth: number): Entity | undefined {
        if (ts.isIdentifier(name)) {
            const decl = resolveIdentifier(name);
            return decl && this.fromDeclaration(decl, depth + 1);
        }
        const base = this.resolveEntityName(name.left, depth + 1);
        return base && this.member(base, name.right.text, depth + 1);
    }
}

function moduleText(decl: ts.ImportDeclaration | ts.JSDocImportTag): string {
    return ts.isStringLiteral(decl.moduleSpecifier) ? decl.moduleSpecifier.text : "";
}

/** `require("x")` -> "x". */
export function requiredModule(e: ts.Expression): string | undefined {
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && e.arguments.length === 1) {
        const arg = e.arguments[0];
        if (ts.isStringLiteralLike(arg) && !resolveIdentifier(e.expression)) {
            return arg.text;
        }
    }
    return undefined;
}
