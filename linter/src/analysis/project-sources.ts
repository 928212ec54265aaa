import * as fs from "node:fs";
import * as path from "node:path";
import { ts } from "@ts-morph/common";
import { ModuleResolver } from "./module-resolution";

/** Where source text comes from: the disk, or an in-memory map in tests. */
export interface SourceHost {
    readFile(file: string): string | undefined;
    /** All TypeScript source files below `dir` (not node_modules, declarations or build output). */
    listSourceFiles(dir: string): string[];
}

/**
 * Folders never walked: installed packages, git's own, and SST's generated platform (its components
 * are judged at their use, like an SDK's). Everything else is ordinary, dot-folders
 * included (`.infra/`); build output is skipped by its tsconfig `outDir`, and only TypeScript
 * sources are read anyway.
 */
export const SKIPPED_DIRS = new Set(["node_modules", ".git", ".sst"]);

export function isLintableFile(file: string): boolean {
    return /\.(ts|tsx|mts|cts)$/.test(file) && !/\.d\.(ts|mts|cts)$/.test(file);
}

export const diskHost: SourceHost = {
    readFile(file) {
        try {
            return fs.readFileSync(file, "utf8");
        } catch {
            return undefined;
        }
    },
    listSourceFiles(dir) {
        const out: string[] = [];
        const walk = (d: string) => {
            let entries: fs.Dirent[];
            try {
                entries = fs.readdirSync(d, { withFileTypes: true });
            } catch {
                return;
            }
            for (const e of entries) {
                const full = path.join(d, e.name);
                if (e.isDirectory()) {
                    if (!SKIPPED_DIRS.has(e.name)) {
                        walk(full);
                    }
                } else if (e.isFile() && isLintableFile(e.name)) {
                    out.push(full);
                }
            }
        };
        walk(dir);
        return out.sort();
    },
};

export interface ParsedFile {
    file: string;
    source: ts.SourceFile;
    text: string;
    /** Syntax errors the parser recovered from. */
    syntaxErrors: ts.DiagnosticWithLocation[];
}

function scriptKind(file: string): ts.ScriptKind {
    return file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

/** A folder that bounds call-site searches: a repository, or a package that declares workspaces. */
function isSearchBoundary(dir: string, host: SourceHost): boolean {
    if (fs.existsSync(path.join(dir, ".git"))) {
        return true;
    }
    const pkg = host.readFile(path.join(dir, "package.json"));
    return pkg !== undefined && /"workspaces"\s*:/.test(pkg);
}

/**
 * The project's source files, parsed on demand and cached. Files outside the lint set are parsed
 * only when an import or a call-site search needs them, which keeps a pre-commit run of a few files
 * fast while still following components and options defined elsewhere in the project.
 */
export class ProjectSources {
    private readonly parsed = new Map<string, ParsedFile | null>();
    private readonly projectFiles = new Map<string, string[]>();
    private readonly byFileName = new WeakMap<ts.SourceFile, ParsedFile>();
    private readonly texts = new Map<string, string | null>();
    private readonly mentions = new Map<string, string[]>();
    private readonly roots = new Map<string, string>();
    readonly modules: ModuleResolver;
    /** The host with every read cached: module resolution probes many paths, often the same ones. */
    readonly cached: SourceHost;

    constructor(readonly host: SourceHost = diskHost) {
        this.cached = { readFile: (f) => this.text(path.resolve(f)), listSourceFiles: (d) => host.listSourceFiles(d) };
        this.modules = new ModuleResolver(this.cached);
    }

    get(file: string): ParsedFile | undefined {
        const key = path.resolve(file);
        const hit = this.parsed.get(key);
        if (hit !== undefined) {
            return hit ?? undefined;
        }
        const text = this.text(key);
        if (text === undefined) {
            this.parsed.set(key, null);
            return undefined;
        }
        const source = ts.createSourceFile(key, text, ts.ScriptTarget.Latest, true, scriptKind(key));
        // The parser keeps recoverable syntax errors on an internal field; typescript-eslint reads it too.
        const syntaxErrors = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
        const entry: ParsedFile = { file: key, source, text, syntaxErrors };
        this.parsed.set(key, entry);
        this.byFileName.set(source, entry);
        return entry;
    }

    fileOf(source: ts.SourceFile): ParsedFile | undefined {
        return this.byFileName.get(source) ?? this.get(source.fileName);
    }

    /** An import from `fromFile` that leads to a project source file (relative, aliased, workspace). */
    resolveImport(fromFile: string, specifier: string): ParsedFile | undefined {
        const target = this.modules.resolve(fromFile, specifier);
        return target?.kind === "file" ? this.get(target.file) : undefined;
    }

    /**
     * Where the callers of a file's helpers may live: the repository (or workspace root) it belongs
     * to, so a helper in one workspace package is checked at its call sites in the others; without
     * either, the nearest folder with a package.json or tsconfig.json.
     */
    projectRootOf(file: string): string {
        const start = path.dirname(path.resolve(file));
        let root = this.roots.get(start);
        if (root === undefined) {
            root = this.findRoot(start);
            this.roots.set(start, root);
        }
        return root;
    }

    private findRoot(start: string): string {
        for (let dir = start; ; dir = path.dirname(dir)) {
            if (isSearchBoundary(dir, this.cached)) {
                return dir;
            }
            if (path.dirname(dir) === dir) {
                break;
            }
        }
        let dir = start;
        for (;;) {
            if (this.cached.readFile(path.join(dir, "package.json")) !== undefined || this.cached.readFile(path.join(dir, "tsconfig.json")) !== undefined) {
                return dir;
            }
            const up = path.dirname(dir);
            if (up === dir) {
                return start;
            }
            dir = up;
        }
    }

    /** Every source file of a project (for finding all call sites of a helper). */
    allFiles(root: string): string[] {
        let files = this.projectFiles.get(root);
        if (!files) {
            files = this.host.listSourceFiles(root);
            this.projectFiles.set(root, files);
        }
        return files;
    }

    private text(file: string): string | undefined {
        let t = this.texts.get(file);
        if (t === undefined) {
            t = this.host.readFile(file) ?? null;
            this.texts.set(file, t);
        }
        return t ?? undefined;
    }

    /** Project files whose text mentions `name` (within `scope`, if given): a cheap filter before parsing. */
    filesMentioning(root: string, name: string, scope?: ReadonlySet<string>): ParsedFile[] {
        const key = `${root}\0${name}`;
        let out = this.mentions.get(key);
        if (!out) {
            out = this.allFiles(root).filter((file) => this.text(file)?.includes(name));
            this.mentions.set(key, out);
        }
        return out.filter((f) => !scope || scope.has(f)).flatMap((f) => this.get(f) ?? []);
    }

    /** Whether a project file outside `scope` mentions `name`. */
    mentionedOutside(root: string, name: string, scope: ReadonlySet<string>): boolean {
        this.filesMentioning(root, name, scope);
        return (this.mentions.get(`${root}\0${name}`) ?? []).some((f) => !scope.has(f));
    }
}
