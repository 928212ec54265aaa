import * as fs from "node:fs";
import * as path from "node:path";
import { Node, Project, ts } from "ts-morph";
import type { TypedOracle } from "./linter";

/**
 * `--typed`: for options the syntax cannot see through, ask the type checker whether their type
 * makes `provider` required (e.g. a helper typed `opts: { provider: aws.Provider } & ...`).
 * Loading @pulumi/aws's declarations costs seconds and hundreds of MB, so only this mode does it,
 * and only when the first such question comes up.
 */
export function createTypedOracle(cwd: string, files: string[]): TypedOracle {
    let project: Project | undefined;
    const load = (): Project => {
        if (!project) {
            const tsconfig = findTsconfig(cwd);
            project = tsconfig
                ? new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true })
                : new Project({ compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true } });
            project.addSourceFilesAtPaths(files);
        }
        return project;
    };
    return {
        requiresOneOf(node: ts.Node, keys: readonly string[]): boolean {
            const p = load();
            const sf = p.getSourceFile(node.getSourceFile().fileName) ?? p.addSourceFileAtPathIfExists(node.getSourceFile().fileName);
            if (!sf) {
                return false;
            }
            const start = node.getStart(node.getSourceFile());
            let typedNode: Node | undefined = sf.getDescendantAtPos(start);
            while (typedNode && !(typedNode.getStart() === start && typedNode.getEnd() === node.getEnd())) {
                typedNode = typedNode.getParent();
            }
            if (!typedNode) {
                return false;
            }
            const type = typedNode.getType();
            return keys.some((key) => {
                const property = type.getProperty(key);
                if (!property || property.isOptional()) {
                    return false;
                }
                const propertyType = property.getTypeAtLocation(typedNode!);
                return !propertyType.isUndefined() && !(propertyType.isUnion() && propertyType.getUnionTypes().some((t) => t.isUndefined()));
            });
        },
    };
}

function findTsconfig(cwd: string): string | undefined {
    return ts.findConfigFile(path.resolve(cwd), (f) => fs.existsSync(f));
}
