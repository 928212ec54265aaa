import * as path from "node:path";
import { ts } from "@ts-morph/common";
import type { Ctx } from "./context";
import type { Entity } from "./entities";
import { type Evaluator, short } from "./evaluator";
import { defaultExport, wholeExport } from "./module-exports";
import type { NameValues } from "./names";
import { namespaceExport } from "./scopes";
import { other, unknown, Value } from "./values";

type ImportDecl = ts.ImportSpecifier | ts.ImportClause | ts.ImportEqualsDeclaration | ts.NamespaceImport;
type ModuleLike = Extract<Entity, { kind: "module" | "namespace" }>;

const MAX_REEXPORTS = 12;

/**
 * What imports of project modules are at run time: `import { x }` is what the module exports as x
 * (a constant, its default re-exported under a name, a member of what it assigns to
 * module.exports), `import x` its default export, `import m = require()` and `require()` its
 * module.exports, `import * as m` its exports by name (read per member). A package's exports are
 * out of view.
 */
export class ModuleValues {
    constructor(
        private readonly ev: Evaluator,
        private readonly names: NameValues,
    ) {}

    imported(decl: ImportDecl, id: ts.Identifier, ctx: Ctx): Value[] {
        const variable = this.ev.members.importedValue(decl); // the usual case, found once per import
        if (variable) {
            return this.names.variable(variable, id, ctx);
        }
        const file = this.projectModule(decl);
        if (file && !ts.isNamespaceImport(decl)) {
            if (ts.isImportEqualsDeclaration(decl)) {
                return this.whole(file, ctx);
            }
            const name = ts.isImportClause(decl) ? "default" : (decl.propertyName ?? decl.name).text;
            const found = this.exportValue(file, name, ctx, 0);
            if (found) {
                return found;
            }
            const what = ts.isImportClause(decl) ? "a default import" : `"${name}"`;
            return [unknown(`${what} of ${this.relative(file, id)} that the linter cannot follow to its export`, id)];
        }
        const entity = this.ev.resolver.fromDeclaration(decl, 0);
        if (entity?.kind === "package" || entity === undefined) {
            // A value a package exports (or an import that leads nowhere): its contents are out of view.
            return [unknown(`"${id.text}" is imported from ${entity?.kind === "package" ? entity.npm : "a module the linter cannot find"}, whose values it cannot see`, id)];
        }
        if (entity.kind === "module" || entity.kind === "namespace" || entity.kind === "class") {
            return [{ t: "container", entity }];
        }
        return [other("an imported name")];
    }

    /**
     * `owner.key` where `owner` is a module (`import * as accounts`) or a namespace: what it exports
     * as `key`. What is not followed is unknown, never "certainly not a provider".
     */
    member(owner: ModuleLike, key: string, at: ts.Node, ctx: Ctx): Value[] {
        if (owner.kind === "module") {
            return this.exportValue(owner.file, key, ctx, 0) ?? [unknown(`${short(at)} is not an exported constant the linter can follow`, at)];
        }
        const decl = namespaceExport(owner.decl, key);
        if (decl && ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) {
            return this.names.variable(decl, decl.name, ctx);
        }
        return this.container(this.ev.resolver.member(owner, key, 0)) ?? [unknown(`${short(at)} is not an exported constant the linter can follow`, at)];
    }

    /** `import m = require("./m")`, `require("./m")`: what the module assigns to module.exports, else its exports by name. */
    whole(file: ts.SourceFile, ctx: Ctx): Value[] {
        const assigned = wholeExport(file);
        return assigned ? this.ev.evaluate(assigned, ctx) : [{ t: "container", entity: { kind: "module", file } }];
    }

    /** What `file` exports as `name`, or undefined when the linter cannot follow it there. */
    private exportValue(file: ts.SourceFile, name: string, ctx: Ctx, depth: number): Value[] | undefined {
        if (depth > MAX_REEXPORTS) {
            return undefined;
        }
        const assigned = wholeExport(file);
        if (assigned) {
            // `export =` / module.exports: an import by name reads that value's member.
            return name === "default" ? this.ev.evaluate(assigned, ctx) : this.ev.property(this.ev.evaluate(assigned, ctx), name, assigned, ctx);
        }
        const variable = this.ev.members.exportedVariable(file, name);
        if (variable && ts.isIdentifier(variable.name)) {
            return this.names.variable(variable, variable.name, ctx);
        }
        if (name === "default") {
            const found = defaultExport(file);
            if (found && "expr" in found) {
                return this.ev.evaluate(found.expr, ctx);
            }
            if (found && ts.isClassDeclaration(found.decl)) {
                return [{ t: "container", entity: { kind: "class", decl: found.decl } }];
            }
        }
        // `export { default as prod } from "./prod"`: the other module's export of that name.
        for (const s of file.statements) {
            if (!ts.isExportDeclaration(s) || s.isTypeOnly || !s.exportClause || !ts.isNamedExports(s.exportClause) || !s.moduleSpecifier || !ts.isStringLiteral(s.moduleSpecifier)) {
                continue;
            }
            const el = s.exportClause.elements.find((e) => e.name.text === name);
            const target = el && this.ev.resolver.sources.resolveImport(file.fileName, s.moduleSpecifier.text);
            if (el && target) {
                return this.exportValue(target.source, (el.propertyName ?? el.name).text, ctx, depth + 1);
            }
        }
        return this.container(this.ev.resolver.exported(file, name, 0));
    }

    private container(entity: Entity | undefined): Value[] | undefined {
        return entity?.kind === "module" || entity?.kind === "namespace" || entity?.kind === "class" ? [{ t: "container", entity }] : undefined;
    }

    /** The project file an import names, if it is one (not a package). */
    private projectModule(decl: ImportDecl): ts.SourceFile | undefined {
        let spec: ts.Expression | undefined;
        if (ts.isImportEqualsDeclaration(decl)) {
            spec = ts.isExternalModuleReference(decl.moduleReference) ? decl.moduleReference.expression : undefined;
        } else {
            const importDecl = ts.isImportClause(decl) ? decl.parent : ts.isNamespaceImport(decl) ? decl.parent.parent : decl.parent.parent.parent;
            spec = importDecl.moduleSpecifier;
        }
        return spec && ts.isStringLiteral(spec) ? this.ev.resolver.sources.resolveImport(decl.getSourceFile().fileName, spec.text)?.source : undefined;
    }

    private relative(file: ts.SourceFile, from: ts.Node): string {
        return path.relative(path.dirname(from.getSourceFile().fileName), file.fileName) || path.basename(file.fileName);
    }
}
