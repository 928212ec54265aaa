import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import { ts } from "@ts-morph/common";
import type { SourceHost } from "./project-sources";

/**
 * Where an import leads, resolved the way TypeScript and Node resolve it for a Pulumi program:
 * relative paths (with `.js` written for `.ts`, `.mjs` for `.mts`), `package.json` "imports"
 * aliases (`#lib/*`), tsconfig `paths`, workspace packages imported by name (their TypeScript is
 * project code), and installed packages (learnt from their declarations).
 */
export type ModuleTarget =
    | { kind: "file"; file: string }
    | { kind: "core"; subpath: string }
    | { kind: "package"; npm: string; subpath: string; fromDir: string };

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts"];
const BUILTINS = new Set(builtinModules);
const CORE_NPM = "@pulumi/pulumi";

interface PathMapping {
    base: string;
    patterns: { prefix: string; suffix: string; wildcard: boolean; targets: string[] }[];
}

export class ModuleResolver {
    private readonly pathsByDir = new Map<string, PathMapping | null>();
    private readonly importsByDir = new Map<string, { dir: string; imports: Record<string, unknown> } | null>();
    private readonly workspaceEntry = new Map<string, string | null>();

    constructor(private readonly host: SourceHost) {}

    private readonly resolved = new Map<string, ModuleTarget | null>();

    resolve(fromFile: string, spec: string): ModuleTarget | undefined {
        const key = `${path.dirname(fromFile)}\0${spec}`;
        let hit = this.resolved.get(key);
        if (hit === undefined) {
            hit = this.resolveUncached(fromFile, spec) ?? null;
            this.resolved.set(key, hit);
        }
        return hit ?? undefined;
    }

    private resolveUncached(fromFile: string, spec: string): ModuleTarget | undefined {
        if (spec.startsWith(".") || path.isAbsolute(spec)) {
            const file = this.sourceFile(path.resolve(path.dirname(fromFile), spec));
            return file ? { kind: "file", file } : undefined;
        }
        if (spec.startsWith("#")) {
            const file = this.fromImportsField(fromFile, spec);
            return file ? { kind: "file", file } : undefined;
        }
        const mapped = this.fromTsconfigPaths(fromFile, spec);
        if (mapped) {
            return { kind: "file", file: mapped };
        }
        if (spec.startsWith("node:") || BUILTINS.has(spec.split("/")[0])) {
            return undefined; // Node's own modules hold no resources
        }
        const parts = spec.split("/");
        const npm = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
        const subpath = parts.slice(spec.startsWith("@") ? 2 : 1).join("/");
        if (npm === CORE_NPM) {
            return { kind: "core", subpath };
        }
        const workspace = this.workspaceSource(fromFile, npm, subpath);
        if (workspace) {
            return { kind: "file", file: workspace };
        }
        return { kind: "package", npm, subpath, fromDir: path.dirname(fromFile) };
    }

    /**
     * The declaration file an installed package ships for `subpath` (package.json `exports` types,
     * `typesVersions`, or `types`/`typings` for its root), as TypeScript itself would find it: what a
     * function of a library without TypeScript sources (a bundle) is declared to return.
     */
    packageTypes(npm: string, subpath: string, fromDir: string): string | undefined {
        let root: string | undefined;
        for (let dir = fromDir; ; dir = path.dirname(dir)) {
            const candidate = path.join(dir, "node_modules", npm);
            if (this.host.readFile(path.join(candidate, "package.json")) !== undefined) {
                root = candidate;
                break;
            }
            if (path.dirname(dir) === dir) {
                return undefined;
            }
        }
        let pkg: { types?: string; typings?: string; exports?: Record<string, unknown>; typesVersions?: Record<string, Record<string, string[]>> };
        try {
            pkg = JSON.parse(this.host.readFile(path.join(root, "package.json")) ?? "{}") as typeof pkg;
        } catch {
            return undefined;
        }
        const entry = pkg.exports?.[subpath ? `./${subpath}` : "."];
        const fromExports = typeof entry === "object" && entry !== null ? (entry as { types?: unknown }).types : undefined;
        const candidates = [
            typeof fromExports === "string" ? fromExports : undefined,
            subpath ? pkg.typesVersions?.["*"]?.[subpath]?.[0] : (pkg.types ?? pkg.typings),
        ];
        return candidates.map((c) => c && path.join(root, c)).find((f): f is string => f !== undefined && /\.d\.(ts|mts|cts)$/.test(f) && this.host.readFile(f) !== undefined);
    }

    /** A source file for a path written without (or with a JavaScript) extension. */
    sourceFile(base: string): string | undefined {
        const stripped = base.replace(/\.(js|jsx)$/, "").replace(/\.mjs$/, ".mts").replace(/\.cjs$/, ".cts");
        const candidates = [base, stripped, ...SOURCE_EXTENSIONS.map((e) => `${stripped}${e}`), ...SOURCE_EXTENSIONS.map((e) => path.join(base, `index${e}`))];
        const source = candidates.find((c) => /\.(ts|tsx|mts|cts)$/.test(c) && !/\.d\.(ts|mts|cts)$/.test(c) && this.host.readFile(c) !== undefined);
        // A JavaScript module of the project typed by a declaration file beside it (a CommonJS shim).
        return source ?? [`${stripped}.d.ts`, path.join(base, "index.d.ts")].find((c) => this.host.readFile(c) !== undefined);
    }

    private nearest<T>(start: string, cache: Map<string, T | null>, read: (dir: string) => T | null | undefined): T | undefined {
        const visited: string[] = [];
        let found: T | null = null;
        for (let dir = start; ; dir = path.dirname(dir)) {
            const hit = cache.get(dir);
            if (hit !== undefined) {
                found = hit;
                break;
            }
            visited.push(dir);
            const here = read(dir);
            if (here !== undefined) {
                found = here;
                break;
            }
            if (path.dirname(dir) === dir) {
                break;
            }
        }
        for (const d of visited) {
            cache.set(d, found);
        }
        return found ?? undefined;
    }

    /** `#lib/util` through the nearest package.json's "imports". */
    private fromImportsField(fromFile: string, spec: string): string | undefined {
        const found = this.nearest(path.dirname(fromFile), this.importsByDir, (dir) => {
            const text = this.host.readFile(path.join(dir, "package.json"));
            if (text === undefined) {
                return undefined;
            }
            try {
                const imports = (JSON.parse(text) as { imports?: Record<string, unknown> }).imports;
                return imports ? { dir, imports } : null;
            } catch {
                return null;
            }
        });
        if (!found) {
            return undefined;
        }
        for (const [pattern, target] of Object.entries(found.imports)) {
            const star = pattern.indexOf("*");
            const matched = star < 0 ? (pattern === spec ? "" : undefined) : spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1)) ? spec.slice(star, spec.length - (pattern.length - star - 1)) : undefined;
            const to = conditionalTarget(target);
            if (matched !== undefined && to) {
                const file = this.sourceFile(path.resolve(found.dir, to.replace("*", matched)));
                if (file) {
                    return file;
                }
            }
        }
        return undefined;
    }

    /** tsconfig `paths` (with `baseUrl`, following `extends`), from the nearest tsconfig.json. */
    private fromTsconfigPaths(fromFile: string, spec: string): string | undefined {
        const mapping = this.nearest(path.dirname(fromFile), this.pathsByDir, (dir) => {
            const file = path.join(dir, "tsconfig.json");
            if (this.host.readFile(file) === undefined) {
                return undefined;
            }
            return readPathMapping(file, this.host) ?? null;
        });
        for (const p of mapping?.patterns ?? []) {
            const hit = p.wildcard ? spec.startsWith(p.prefix) && spec.endsWith(p.suffix) : spec === p.prefix;
            if (!hit) {
                continue;
            }
            const middle = p.wildcard ? spec.slice(p.prefix.length, spec.length - p.suffix.length) : "";
            for (const t of p.targets) {
                const file = this.sourceFile(path.resolve(mapping!.base, t.replace("*", middle)));
                if (file) {
                    return file;
                }
            }
        }
        return undefined;
    }

    /**
     * A package installed as a link to a folder of the repository (npm/yarn/pnpm workspaces) whose
     * entry is TypeScript: its code is project code, followed like a relative import.
     */
    private workspaceSource(fromFile: string, npm: string, subpath: string): string | undefined {
        const key = `${path.dirname(fromFile)}\0${npm}`;
        let root = this.workspaceEntry.get(key);
        if (root === undefined) {
            root = null;
            for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
                const link = path.join(dir, "node_modules", npm);
                let real: string | undefined;
                try {
                    real = fs.realpathSync(link);
                } catch {
                    real = undefined;
                }
                if (real) {
                    root = real.split(path.sep).includes("node_modules") ? null : real;
                    break;
                }
                if (path.dirname(dir) === dir) {
                    break;
                }
            }
            this.workspaceEntry.set(key, root);
        }
        if (!root) {
            return undefined;
        }
        if (subpath) {
            return this.sourceFile(path.join(root, subpath)) ?? this.sourceFile(path.join(root, "src", subpath));
        }
        let pkg: { main?: string; types?: string; exports?: unknown } = {};
        try {
            pkg = JSON.parse(this.host.readFile(path.join(root, "package.json")) ?? "{}") as typeof pkg;
        } catch {
            return undefined;
        }
        const exported = conditionalTarget(isRecord(pkg.exports) && "." in pkg.exports ? pkg.exports["."] : pkg.exports);
        for (const entry of [exported, pkg.types, pkg.main, "index.ts", "src/index.ts"]) {
            const file = entry ? this.sourceFile(path.resolve(root, entry.replace(/\.d\.ts$/, ".ts"))) : undefined;
            if (file) {
                return file;
            }
        }
        return undefined;
    }
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The path a package.json target names, preferring what TypeScript would read. */
function conditionalTarget(target: unknown): string | undefined {
    if (typeof target === "string") {
        return target;
    }
    if (Array.isArray(target)) {
        return target.map(conditionalTarget).find((t) => t !== undefined);
    }
    if (isRecord(target)) {
        for (const condition of ["types", "typescript", "source", "import", "require", "node", "default"]) {
            const t = conditionalTarget(target[condition]);
            if (t) {
                return t;
            }
        }
    }
    return undefined;
}

function readPathMapping(file: string, host: SourceHost): PathMapping | undefined {
    const parsed = ts.getParsedCommandLineOfConfigFile(file, {}, {
        ...ts.sys,
        readFile: (f) => host.readFile(f) ?? ts.sys.readFile(f),
        fileExists: (f) => host.readFile(f) !== undefined || ts.sys.fileExists(f),
        readDirectory: () => [],
        onUnRecoverableConfigFileDiagnostic: () => undefined,
    });
    const options = parsed?.options;
    if (!options?.paths) {
        return undefined;
    }
    const base = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath ?? path.dirname(file);
    const patterns = Object.entries(options.paths).map(([pattern, targets]) => {
        const star = pattern.indexOf("*");
        return {
            prefix: star < 0 ? pattern : pattern.slice(0, star),
            suffix: star < 0 ? "" : pattern.slice(star + 1),
            wildcard: star >= 0,
            targets,
        };
    });
    return { base, patterns };
}
