import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { SdkEntity } from "./model";
import { CachedFile, PackageIndex, PackageLookup, PackageMeta } from "./package-index";

/**
 * The installed packages a project imports, found the way Node finds them (the nearest
 * node_modules upwards from the importing file) and learnt from their declarations. What was
 * learnt is cached on disk per package name, version and location, so a warm run reads one JSON
 * file per package instead of declaration files.
 */

/** Bump when the summary format changes, so old caches are ignored. */
const CACHE_FORMAT = 1;

interface CacheFile {
    format: number;
    npmName: string;
    version: string;
    root: string;
    files: Record<string, CachedFile>;
    augmenters?: string[];
}

export interface RegistryOptions {
    /** Where caches live; undefined disables the disk cache. */
    cacheDir?: string;
    /** Where to look when nothing is installed above a file (tests on in-memory projects). */
    fallbackDir?: string;
}

/** The default cache folder: the project's node_modules/.cache, as other linters use it. */
export function defaultCacheDir(projectDir: string): string {
    for (let dir = path.resolve(projectDir); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "node_modules"))) {
            return path.join(dir, "node_modules", ".cache", "guardrail");
        }
        if (path.dirname(dir) === dir) {
            return path.join(os.tmpdir(), "guardrail-cache");
        }
    }
}

export class SdkRegistry implements PackageLookup {
    private readonly byRoot = new Map<string, PackageIndex>();
    private readonly rootCache = new Map<string, string | null>();
    /** npm names that could not be read, said once per run. */
    readonly unreadable = new Map<string, string>();

    constructor(private readonly options: RegistryOptions = {}) {}

    /** The package `npmName` as seen from `fromDir`, or undefined if it is not installed. */
    package(npmName: string, fromDir: string): PackageIndex | undefined {
        const root = this.findRoot(npmName, fromDir);
        if (!root) {
            this.unreadable.set(npmName, `${npmName} is not installed (searched node_modules upwards from ${fromDir})`);
            return undefined;
        }
        let index = this.byRoot.get(root);
        if (!index) {
            const meta = readMeta(npmName, root);
            if (!meta) {
                this.unreadable.set(npmName, `${npmName} at ${root} has no declaration files`);
                return undefined;
            }
            index = new PackageIndex(meta, this, this.loadCache(meta));
            this.byRoot.set(root, index);
        }
        return index;
    }

    /** Names of methods the loaded packages add to their resources (`onObjectCreated`), to spot mixin calls cheaply. */
    mixinNames(): ReadonlySet<string> {
        // Asked once per file: gathered again only when another package has been loaded since.
        if (this.mixins?.packages !== this.byRoot.size) {
            const names = new Set<string>();
            for (const index of this.byRoot.values()) {
                for (const n of index.augmentedMethodNames()) {
                    names.add(n);
                }
            }
            this.mixins = { packages: this.byRoot.size, names };
        }
        return this.mixins.names;
    }

    private mixins: { packages: number; names: ReadonlySet<string> } | undefined;

    lookupIn(npmName: string, fromRoot: string, names: string[]): SdkEntity | undefined {
        return this.package(npmName, fromRoot)?.lookup(names);
    }

    private findRoot(npmName: string, fromDir: string): string | undefined {
        // Asked several times for each creation, nearly always about the same package as just before.
        if (this.lastRoot?.npmName === npmName && this.lastRoot.fromDir === fromDir) {
            return this.lastRoot.root;
        }
        const root = this.findRootUncached(npmName, fromDir);
        this.lastRoot = { npmName, fromDir, root };
        return root;
    }

    private lastRoot: { npmName: string; fromDir: string; root: string | undefined } | undefined;

    private findRootUncached(npmName: string, fromDir: string): string | undefined {
        const key = `${npmName}\0${fromDir}`;
        const hit = this.rootCache.get(key);
        if (hit !== undefined) {
            return hit ?? undefined;
        }
        let found: string | undefined;
        for (const start of [fromDir, this.options.fallbackDir].filter((d): d is string => !!d)) {
            for (let dir = path.resolve(start); !found; dir = path.dirname(dir)) {
                const candidate = path.join(dir, "node_modules", npmName);
                if (fs.existsSync(path.join(candidate, "package.json"))) {
                    found = fs.realpathSync(candidate);
                }
                if (path.dirname(dir) === dir) {
                    break;
                }
            }
            if (found) {
                break;
            }
        }
        this.rootCache.set(key, found ?? null);
        return found;
    }

    private cacheFile(meta: PackageMeta): string | undefined {
        if (!this.options.cacheDir) {
            return undefined;
        }
        const where = crypto.createHash("sha256").update(meta.root).digest("hex").slice(0, 12);
        return path.join(this.options.cacheDir, `${meta.npmName.replace(/[@/]/g, "_")}@${meta.version}-${where}.json`);
    }

    private loadCache(meta: PackageMeta): { files: Record<string, CachedFile>; augmenters?: string[] } | undefined {
        const file = this.cacheFile(meta);
        if (!file) {
            return undefined;
        }
        try {
            const cached = JSON.parse(fs.readFileSync(file, "utf8")) as CacheFile;
            if (cached.format === CACHE_FORMAT && cached.version === meta.version && cached.root === meta.root) {
                return { files: cached.files, augmenters: cached.augmenters };
            }
        } catch {
            // No cache yet, or one from another version of guardrail: learn afresh.
        }
        return undefined;
    }

    /** Writes what this run learnt; a cache that cannot be written only costs the next run time. */
    save(): void {
        for (const index of this.byRoot.values()) {
            const file = this.cacheFile(index.meta);
            if (!file || !index.dirty) {
                continue;
            }
            const data: CacheFile = {
                format: CACHE_FORMAT,
                npmName: index.meta.npmName,
                version: index.meta.version,
                root: index.meta.root,
                files: index.files,
                augmenters: index.augmenters,
            };
            try {
                fs.mkdirSync(path.dirname(file), { recursive: true });
                const tmp = `${file}.${process.pid}.tmp`;
                fs.writeFileSync(tmp, JSON.stringify(data));
                fs.renameSync(tmp, file);
                index.dirty = false;
            } catch {
                // Read-only node_modules or a full disk: stay correct, just slower next time.
            }
        }
    }
}

function readMeta(npmName: string, root: string): PackageMeta | undefined {
    let pkg: { version?: string; types?: string; typings?: string; main?: string; pulumi?: { name?: string }; dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    try {
        pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as typeof pkg;
    } catch {
        return undefined;
    }
    const main = pkg.main ? pkg.main.replace(/\.(c|m)?js$/, ".d.ts") : undefined;
    const types = [pkg.types, pkg.typings, main, "index.d.ts"].find((t): t is string => !!t && t.endsWith(".d.ts") && fs.existsSync(path.join(root, t)));
    if (!types) {
        return undefined;
    }
    const pulumiName = pkg.pulumi?.name ?? (npmName.startsWith("@pulumi/") ? npmName.slice("@pulumi/".length) : npmName);
    const dependencies = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter((d) => d.startsWith("@pulumi/") && d !== "@pulumi/pulumi");
    return { npmName, pkg: pulumiName, version: pkg.version ?? "0.0.0", root, types, dependencies };
}
