import * as fs from "node:fs";
import * as path from "node:path";
import { ts } from "@ts-morph/common";
import { walkFiles } from "../file-walk";
import { indexTree } from "./file-index";
import { ModuleResolver } from "./module-resolution";

/** Where source text comes from: the disk, or an in-memory map in tests. */
export interface SourceHost {
    readFile(file: string): string | undefined;
    /** All TypeScript source files below `dir` (not node_modules, declarations or build output). */
    listSourceFiles(dir: string): string[];
    /** Parsed files kept between runs by a long-lived process (an editor's ESLint); without one, every run parses afresh. */
    parseCache?: ParseCache;
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
        return walkFiles(dir, { skipDirs: SKIPPED_DIRS, accept: isLintableFile });
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

function parseSource(file: string, text: string): ParsedFile {
    // Parents are set by indexTree, in the walk that indexes the file. JSDoc is not parsed: it never
    // changes what runs (suppressions are line comments, read from the text), and documented code
    // has a doc comment on most declarations.
    const options: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
    const source = ts.createSourceFile(file, text, options, false, scriptKind(file));
    indexTree(source);
    // The parser keeps recoverable syntax errors on an internal field; typescript-eslint reads it too.
    const syntaxErrors = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    return { file, source, text, syntaxErrors };
}

/**
 * The last parse of each file, reused while its text is the same. Safe to share between runs: a
 * syntax tree is never changed by the analysis, and everything a run learns about it (names,
 * values, call sites) lives in that run's own services.
 */
export class ParseCache {
    private readonly byFile = new Map<string, ParsedFile>();

    parse(file: string, text: string): ParsedFile {
        const hit = this.byFile.get(file);
        if (hit && hit.text === text) {
            return hit;
        }
        const parsed = parseSource(file, text);
        this.byFile.set(file, parsed);
        return parsed;
    }
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
    private readonly roots = new Map<string, string[]>();
    /** Asked for every creation (stack transformations apply per package): found once per file. */
    private readonly packageRoots = new Map<string, string>();
    readonly modules: ModuleResolver;
    /** The host with every read cached: module resolution probes many paths, often the same ones. */
    readonly cached: SourceHost;

    constructor(readonly host: SourceHost = diskHost) {
        this.cached = { readFile: (f) => this.text(path.resolve(f)), listSourceFiles: (d) => host.listSourceFiles(d) };
        this.modules = new ModuleResolver(this.cached);
    }

    get(file: string): ParsedFile | undefined {
        // Most callers pass a path already resolved (a syntax tree's own file name): try it as it is first, since path.resolve is not cheap.
        const direct = this.parsed.get(file);
        if (direct !== undefined) {
            return direct ?? undefined;
        }
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
        const entry = this.host.parseCache?.parse(key, text) ?? parseSource(key, text);
        this.parsed.set(key, entry);
        this.byFileName.set(entry.source, entry);
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
     * Where the callers of a file's helpers may live: its own package (the nearest folder with a
     * package.json or tsconfig.json) and the repository or workspace root it belongs to, so a helper
     * in one workspace package is checked at its call sites in the others. Both are walked, since a
     * package inside an ignored folder (a scratch or generated one) is not walked from the root.
     */
    searchRootsOf(file: string): string[] {
        const start = path.dirname(path.resolve(file));
        let roots = this.roots.get(start);
        if (roots === undefined) {
            roots = [...new Set([this.packageRoot(start), this.boundary(start)].filter((r): r is string => !!r))];
            this.roots.set(start, roots);
        }
        return roots;
    }

    /** The package (nearest folder with a package.json or tsconfig.json) a file belongs to. */
    packageRootOf(file: string): string {
        let root = this.packageRoots.get(file);
        if (root === undefined) {
            root = this.packageRoot(path.dirname(path.resolve(file)));
            this.packageRoots.set(file, root);
        }
        return root;
    }

    private boundary(start: string): string | undefined {
        for (let dir = start; ; dir = path.dirname(dir)) {
            if (isSearchBoundary(dir, this.cached)) {
                return dir;
            }
            if (path.dirname(dir) === dir) {
                return undefined;
            }
        }
    }

    private packageRoot(start: string): string {
        for (let dir = start; ; dir = path.dirname(dir)) {
            if (this.cached.readFile(path.join(dir, "package.json")) !== undefined || this.cached.readFile(path.join(dir, "tsconfig.json")) !== undefined) {
                return dir;
            }
            if (path.dirname(dir) === dir) {
                return start;
            }
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

    /** Files under `roots` whose text mentions `name` (within `scope`, if given): a cheap filter before parsing. */
    filesMentioning(roots: readonly string[], name: string, scope?: ReadonlySet<string>): ParsedFile[] {
        return this.mentioning(roots, name)
            .filter((f) => !scope || scope.has(f))
            .flatMap((f) => this.get(f) ?? []);
    }

    /** Whether a file under `roots` outside `scope` mentions `name`. */
    mentionedOutside(roots: readonly string[], name: string, scope: ReadonlySet<string>): boolean {
        return this.mentioning(roots, name).some((f) => !scope.has(f));
    }

    /** Paths of the files under `roots` whose text mentions `name` (read, not parsed). */
    mentioning(roots: readonly string[], name: string): string[] {
        const key = `${roots.join("\0")}\0${name}`;
        let out = this.mentions.get(key);
        if (!out) {
            const files = new Set(roots.flatMap((r) => this.allFiles(r)));
            out = [...files].filter((file) => this.text(file)?.includes(name));
            this.mentions.set(key, out);
        }
        return out;
    }
}
