import * as path from "node:path";
import { ts } from "@ts-morph/common";
import type { Entity, EntityResolver } from "./entities";

/**
 * SST v3 programs (`sst.config.ts`) use `aws`, `sst` and `$util` without importing them: the
 * platform SST generates under `.sst/platform/` declares them as globals (`declare global { export
 * import sst = _sst }`). Such a name, when nothing in scope declares it, resolves to what the
 * platform's declaration binds it to, so the program is checked like imported code.
 */

export const SST_PLATFORM = `${path.sep}.sst${path.sep}platform${path.sep}`;

export function sstGlobals(resolver: EntityResolver): (file: ts.SourceFile, name: string) => Entity | undefined {
    const byPlatform = new Map<string, Map<string, { from: ts.SourceFile; spec: string }>>();
    const platformOf = new Map<string, string | null>();

    const findPlatform = (dir: string): string | undefined => {
        let hit = platformOf.get(dir);
        if (hit === undefined) {
            const candidate = path.join(dir, ".sst", "platform");
            hit = resolver.sources.cached.readFile(path.join(candidate, "config.d.ts")) !== undefined ? candidate : path.dirname(dir) === dir ? null : (findPlatform(path.dirname(dir)) ?? null);
            platformOf.set(dir, hit);
        }
        return hit ?? undefined;
    };

    const globalsOf = (platform: string): Map<string, { from: ts.SourceFile; spec: string }> => {
        let globals = byPlatform.get(platform);
        if (globals === undefined) {
            globals = new Map<string, { from: ts.SourceFile; spec: string }>();
            const queue = [path.join(platform, "config.d.ts")];
            const seen = new Set<string>();
            while (queue.length > 0) {
                const file = queue.shift()!;
                const text = resolver.sources.cached.readFile(file);
                if (seen.has(file) || text === undefined) {
                    continue;
                }
                seen.add(file);
                const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
                for (const ref of source.referencedFiles) {
                    queue.push(path.resolve(path.dirname(file), ref.fileName));
                }
                const found = globals;
                collect(source, found, (spec) => {
                    const base = path.resolve(path.dirname(file), spec);
                    queue.push(base, `${base}.d.ts`, `${base}.ts`);
                });
            }
            byPlatform.set(platform, globals);
        }
        return globals;
    };

    return (file, name) => {
        const platform = findPlatform(path.dirname(file.fileName));
        const bound = platform ? globalsOf(platform).get(name) : undefined;
        return bound ? resolver.fromModule(bound.from, bound.spec, [], 0) : undefined;
    };
}

/** `import * as _sst from "./components/index"` + `declare global { export import sst = _sst }`. */
function collect(source: ts.SourceFile, into: Map<string, { from: ts.SourceFile; spec: string }>, follow: (spec: string) => void): void {
    const namespaces = new Map<string, string>();
    for (const s of source.statements) {
        if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
            const b = s.importClause?.namedBindings;
            if (b && ts.isNamespaceImport(b)) {
                namespaces.set(b.name.text, s.moduleSpecifier.text);
            } else if (!s.importClause && s.moduleSpecifier.text.startsWith(".")) {
                follow(s.moduleSpecifier.text);
            }
        }
    }
    for (const s of source.statements) {
        if (!ts.isModuleDeclaration(s) || !(s.flags & ts.NodeFlags.GlobalAugmentation) || !s.body || !ts.isModuleBlock(s.body)) {
            continue;
        }
        for (const inner of s.body.statements) {
            if (ts.isImportEqualsDeclaration(inner) && ts.isIdentifier(inner.moduleReference)) {
                const spec = namespaces.get(inner.moduleReference.text);
                if (spec) {
                    into.set(inner.name.text, { from: source, spec });
                }
            }
        }
    }
}
