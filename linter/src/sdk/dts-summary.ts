import { ts } from "@ts-morph/common";

/**
 * What one declaration file says about the names it exports, in the few forms Pulumi SDKs and
 * libraries use: classes (with their base class, constructor, static `get` and methods), functions,
 * `typeof import(...)` re-exports, `export *` barrels, namespace imports re-exported, and module
 * augmentations (`declare module "./bucket" { interface Bucket { onObjectCreated(...) } }`, how
 * @pulumi/aws adds its event mixins). A summary is plain JSON, so it can be cached on disk.
 */

/** A name as a file refers to it: a local declaration, or `name` of another module. */
export type NameRef = { local: string } | { module: string; name?: string };

export interface ParamSummary {
    /** The type reference the parameter is declared with, as `module#Name` or `#Local`, if it is one. */
    types: TypeRefSummary[];
    optional: boolean;
}

/** `pulumi.CustomResourceOptions` -> { ref: { module: "@pulumi/pulumi", name: "CustomResourceOptions" } }. */
export interface TypeRefSummary {
    ref: NameRef;
    /** For a qualified name `a.b.C`: the path after the first identifier. */
    path: string[];
}

export interface SignatureSummary {
    params: ParamSummary[];
    returns: TypeRefSummary[];
}

export interface ClassSummary {
    kind: "class";
    base?: TypeRefSummary;
    ctor?: SignatureSummary;
    staticGet?: SignatureSummary;
    methods: Record<string, SignatureSummary>;
}

export interface FunctionSummary {
    kind: "function";
    overloads: SignatureSummary[];
}

export type DeclSummary = ClassSummary | FunctionSummary | { kind: "other" };

export interface FileSummary {
    /** Local names bound by imports: `import * as s3 from "./s3"` -> { module: "./s3" }. */
    imports: Record<string, NameRef>;
    /** Exported name -> where its value comes from. */
    exports: Record<string, NameRef>;
    /** `export * from "x"` targets. */
    star: string[];
    /** Top-level declarations by local name. */
    decls: Record<string, DeclSummary>;
    /** `declare module "./bucket" { interface Bucket { ... } }`: module -> interface -> methods. */
    augments: Record<string, Record<string, Record<string, SignatureSummary>>>;
    /** `export = x` */
    exportEquals?: NameRef;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
    return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function entityParts(name: ts.EntityName | ts.Expression): string[] | undefined {
    if (ts.isIdentifier(name)) {
        return [name.text];
    }
    if (ts.isQualifiedName(name)) {
        const left = entityParts(name.left);
        return left && [...left, name.right.text];
    }
    if (ts.isPropertyAccessExpression(name)) {
        const left = entityParts(name.expression);
        return left && [...left, name.name.text];
    }
    return undefined;
}

function typeRefs(type: ts.TypeNode | undefined, imports: Record<string, NameRef>): TypeRefSummary[] {
    if (!type) {
        return [];
    }
    if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
        return type.types.flatMap((t) => typeRefs(t, imports));
    }
    if (ts.isParenthesizedTypeNode(type)) {
        return typeRefs(type.type, imports);
    }
    if (ts.isTypeReferenceNode(type)) {
        const parts = entityParts(type.typeName);
        // Wrappers such as pulumi.Input<T>, Promise<T> and Output<T> say nothing about kinds here.
        return parts ? [refOf(parts, imports)] : [];
    }
    if (ts.isImportTypeNode(type) && ts.isLiteralTypeNode(type.argument) && ts.isStringLiteral(type.argument.literal) && type.qualifier) {
        const parts = entityParts(type.qualifier) ?? [];
        return [{ ref: { module: type.argument.literal.text, name: parts[0] }, path: parts.slice(1) }];
    }
    return [];
}

function refOf(parts: string[], imports: Record<string, NameRef>): TypeRefSummary {
    const [first, ...rest] = parts;
    const imported = imports[first];
    if (imported) {
        if ("module" in imported && imported.name === undefined) {
            return { ref: { module: imported.module, name: rest[0] }, path: rest.slice(1) };
        }
        return { ref: imported, path: rest };
    }
    return { ref: { local: first }, path: rest };
}

function signature(decl: ts.SignatureDeclarationBase, imports: Record<string, NameRef>): SignatureSummary {
    return {
        params: decl.parameters.map((p) => ({ types: typeRefs(p.type, imports), optional: !!p.questionToken || !!p.initializer || !!p.dotDotDotToken })),
        returns: typeRefs(decl.type, imports),
    };
}

function classSummary(decl: ts.ClassDeclaration, imports: Record<string, NameRef>): ClassSummary {
    const out: ClassSummary = { kind: "class", methods: {} };
    for (const clause of decl.heritageClauses ?? []) {
        if (clause.token === ts.SyntaxKind.ExtendsKeyword && clause.types[0]) {
            const parts = entityParts(clause.types[0].expression);
            if (parts) {
                out.base = refOf(parts, imports);
            }
        }
    }
    for (const m of decl.members) {
        if (ts.isConstructorDeclaration(m) && !out.ctor) {
            out.ctor = signature(m, imports);
        } else if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name)) {
            const sig = signature(m, imports);
            if (hasModifier(m, ts.SyntaxKind.StaticKeyword)) {
                if (m.name.text === "get" && !out.staticGet) {
                    out.staticGet = sig;
                }
            } else if (!(m.name.text in out.methods)) {
                out.methods[m.name.text] = sig;
            }
        }
    }
    return out;
}

function moduleText(spec: ts.Expression | undefined): string | undefined {
    return spec && ts.isStringLiteral(spec) ? spec.text : undefined;
}

/** `typeof import("./x").X` -> { module: "./x", name: "X" }. */
function typeofImport(type: ts.TypeNode | undefined): NameRef | undefined {
    if (type && ts.isImportTypeNode(type) && type.isTypeOf && ts.isLiteralTypeNode(type.argument) && ts.isStringLiteral(type.argument.literal)) {
        const parts = type.qualifier ? entityParts(type.qualifier) : [];
        return { module: type.argument.literal.text, name: parts?.[0] };
    }
    return undefined;
}

function collectImports(source: ts.SourceFile): Record<string, NameRef> {
    const imports: Record<string, NameRef> = {};
    for (const s of source.statements) {
        if (ts.isImportDeclaration(s) && s.importClause) {
            const spec = moduleText(s.moduleSpecifier);
            if (!spec) {
                continue;
            }
            const clause = s.importClause;
            if (clause.name) {
                imports[clause.name.text] = { module: spec, name: "default" };
            }
            const b = clause.namedBindings;
            if (b && ts.isNamespaceImport(b)) {
                imports[b.name.text] = { module: spec };
            } else if (b) {
                for (const el of b.elements) {
                    imports[el.name.text] = { module: spec, name: (el.propertyName ?? el.name).text };
                }
            }
        } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) {
            const spec = moduleText(s.moduleReference.expression);
            if (spec) {
                imports[s.name.text] = { module: spec };
            }
        }
    }
    return imports;
}

export function summarizeDeclarations(source: ts.SourceFile): FileSummary {
    const imports = collectImports(source);
    const out: FileSummary = { imports, exports: {}, star: [], decls: {}, augments: {} };
    const declare = (name: string, summary: DeclSummary, exported: boolean) => {
        // Overloaded functions appear once per signature.
        const prior = out.decls[name];
        if (prior?.kind === "function" && summary.kind === "function") {
            prior.overloads.push(...summary.overloads);
        } else {
            out.decls[name] = summary;
        }
        if (exported) {
            out.exports[name] = { local: name };
        }
    };
    for (const s of source.statements) {
        const exported = hasModifier(s, ts.SyntaxKind.ExportKeyword);
        if (ts.isClassDeclaration(s) && s.name) {
            declare(s.name.text, classSummary(s, imports), exported);
        } else if (ts.isFunctionDeclaration(s) && s.name) {
            declare(s.name.text, { kind: "function", overloads: [signature(s, imports)] }, exported);
        } else if (ts.isVariableStatement(s)) {
            for (const d of s.declarationList.declarations) {
                if (!ts.isIdentifier(d.name)) {
                    continue;
                }
                const reexport = typeofImport(d.type);
                if (reexport && exported) {
                    out.exports[d.name.text] = reexport;
                } else if (d.type && ts.isFunctionTypeNode(d.type)) {
                    declare(d.name.text, { kind: "function", overloads: [signature(d.type, imports)] }, exported);
                } else {
                    declare(d.name.text, { kind: "other" }, exported);
                }
            }
        } else if (ts.isExportDeclaration(s) && !s.isTypeOnly) {
            const spec = moduleText(s.moduleSpecifier);
            if (!s.exportClause) {
                if (spec) {
                    out.star.push(spec);
                }
            } else if (ts.isNamespaceExport(s.exportClause)) {
                if (spec) {
                    out.exports[s.exportClause.name.text] = { module: spec };
                }
            } else {
                for (const el of s.exportClause.elements) {
                    if (el.isTypeOnly) {
                        continue;
                    }
                    const name = (el.propertyName ?? el.name).text;
                    out.exports[el.name.text] = spec ? { module: spec, name } : (imports[name] ?? { local: name });
                }
            }
        } else if (ts.isExportAssignment(s) && s.isExportEquals) {
            const parts = entityParts(s.expression);
            if (parts) {
                const r = refOf(parts, imports);
                out.exportEquals = r.path.length === 0 ? r.ref : undefined;
            }
        } else if (ts.isModuleDeclaration(s) && ts.isStringLiteral(s.name) && s.body && ts.isModuleBlock(s.body)) {
            const target = s.name.text;
            for (const inner of s.body.statements) {
                if (ts.isInterfaceDeclaration(inner)) {
                    const methods: Record<string, SignatureSummary> = {};
                    for (const m of inner.members) {
                        if (ts.isMethodSignature(m) && ts.isIdentifier(m.name)) {
                            methods[m.name.text] ??= signature(m, imports);
                        }
                    }
                    out.augments[target] = { ...out.augments[target], [inner.name.text]: methods };
                }
            }
        }
    }
    return out;
}
