import * as fs from "node:fs";
import * as path from "node:path";
import { ts } from "@ts-morph/common";
import { FileSummary, NameRef, SignatureSummary, summarizeDeclarations, TypeRefSummary } from "./dts-summary";
import { ClassInfo, CORE_BASES, CORE_PACKAGE, FunctionInfo, INVOKE_OPTION_TYPES, MixinInfo, RESOURCE_OPTION_TYPES, ResourceKind, SdkEntity } from "./model";

/**
 * One installed package, learnt lazily from its declaration files: a file is read and summarised
 * the first time a lookup needs it, and summaries are kept in `files` so the registry can cache
 * them on disk per package version. Generated SDKs are large (@pulumi/aws has 2,700 declaration
 * files), so reading only what the linted code uses keeps a cold run short.
 */

export interface PackageMeta {
    npmName: string;
    /** The Pulumi package name (`pulumi.name` in package.json), or the npm name for a library. */
    pkg: string;
    version: string;
    root: string;
    /** The declaration entry point, relative to root. */
    types: string;
    /** Pulumi packages this one depends on (npm names). */
    dependencies: string[];
}

/** Cached per file: its summary and the invoke token its JavaScript passes to the engine. */
export interface CachedFile {
    summary: FileSummary;
    token?: string;
}

/** Resolves names in another package (base classes, option types). */
export interface PackageLookup {
    lookupIn(npmName: string, fromRoot: string, path: string[]): SdkEntity | undefined;
}

const MAX_DEPTH = 24;

const INVOKE_TOKEN = /runtime\.invoke(?:Output|Single|SingleOutput)?\(\s*["']([^"']+)["']/g;

export class PackageIndex {
    /** Summaries by path relative to root (filled lazily, or from the disk cache). */
    readonly files: Record<string, CachedFile>;
    /** Relative paths of files holding `declare module` augmentations (found once, on first need). */
    augmenters: string[] | undefined;
    private readonly resolved = new Map<string, SdkEntity | null>();
    dirty = false;

    constructor(
        readonly meta: PackageMeta,
        private readonly others: PackageLookup,
        cached?: { files: Record<string, CachedFile>; augmenters?: string[] },
    ) {
        this.files = cached?.files ?? {};
        this.augmenters = cached?.augmenters;
    }

    /** `aws.s3.Bucket` is lookup(["s3", "Bucket"]); a deep import `@pulumi/aws/s3` starts at that module. */
    lookup(names: string[], subpath = ""): SdkEntity | undefined {
        const key = `${subpath}:${names.join(".")}`;
        const hit = this.resolved.get(key);
        if (hit !== undefined) {
            return hit ?? undefined;
        }
        const start = subpath ? this.moduleFile(path.join(this.meta.root, subpath)) : path.join(this.meta.root, this.meta.types);
        let entity: SdkEntity | undefined = start ? { kind: "namespace", pkg: this.meta.pkg, file: start } : undefined;
        for (const name of names) {
            entity = entity?.kind === "namespace" ? this.exported(entity.file, name, 0) : undefined;
        }
        this.resolved.set(key, entity ?? null);
        return entity;
    }

    private summary(file: string): FileSummary | undefined {
        const rel = path.relative(this.meta.root, file);
        let entry = this.files[rel];
        if (!entry) {
            let text: string;
            try {
                text = fs.readFileSync(file, "utf8");
            } catch {
                return undefined;
            }
            const summary = summarizeDeclarations(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false));
            entry = { summary, token: invokeToken(file) };
            this.files[rel] = entry;
            this.dirty = true;
        }
        return entry.summary;
    }

    /** `./s3` from a file: the declaration file it names. */
    private moduleFile(base: string): string | undefined {
        for (const candidate of [`${base}.d.ts`, path.join(base, "index.d.ts"), base.replace(/\.js$/, ".d.ts")]) {
            if (candidate.endsWith(".d.ts") && fs.existsSync(candidate)) {
                return candidate;
            }
        }
        return undefined;
    }

    private resolveModule(fromFile: string, spec: string): { file: string } | { npm: string; subpath: string[] } | undefined {
        if (spec.startsWith(".")) {
            const file = this.moduleFile(path.resolve(path.dirname(fromFile), spec));
            return file ? { file } : undefined;
        }
        const parts = spec.split("/");
        const npm = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
        return { npm, subpath: parts.slice(spec.startsWith("@") ? 2 : 1) };
    }

    /** The entity `name` exported from `file`. */
    private exported(file: string, name: string, depth: number): SdkEntity | undefined {
        const s = depth > MAX_DEPTH ? undefined : this.summary(file);
        if (!s) {
            return undefined;
        }
        const ref = s.exports[name];
        if (ref) {
            return this.fromRef(file, ref, depth + 1);
        }
        for (const spec of s.star) {
            const target = this.resolveModule(file, spec);
            if (target && "file" in target) {
                const found = this.exported(target.file, name, depth + 1);
                if (found) {
                    return found;
                }
            }
        }
        return undefined;
    }

    private fromRef(file: string, ref: NameRef, depth: number): SdkEntity | undefined {
        if ("local" in ref) {
            return this.local(file, ref.local, depth);
        }
        const target = this.resolveModule(file, ref.module);
        if (!target) {
            return undefined;
        }
        if ("npm" in target) {
            if (target.npm === CORE_PACKAGE) {
                return undefined;
            }
            return this.others.lookupIn(target.npm, this.meta.root, [...target.subpath, ...(ref.name ? [ref.name] : [])]);
        }
        if (ref.name === undefined) {
            return { kind: "namespace", pkg: this.meta.pkg, file: target.file };
        }
        return this.exported(target.file, ref.name, depth + 1);
    }

    /** A file's own top-level name: a declaration, or an import it re-exports. */
    private local(file: string, name: string, depth: number): SdkEntity | undefined {
        const s = this.summary(file);
        if (!s || depth > MAX_DEPTH) {
            return undefined;
        }
        const imported = s.imports[name];
        if (imported) {
            return this.fromRef(file, imported, depth + 1);
        }
        const decl = s.decls[name];
        if (!decl) {
            return undefined;
        }
        const key = `${path.relative(this.meta.root, file)}#${name}`;
        const hit = this.resolved.get(key);
        if (hit !== undefined) {
            return hit ?? undefined;
        }
        this.resolved.set(key, null); // cycle guard
        let entity: SdkEntity;
        if (decl.kind === "class") {
            const resource = decl.base ? this.baseKind(file, decl.base, depth + 1) : undefined;
            entity = {
                kind: "class",
                pkg: this.meta.pkg,
                name,
                resource,
                ctorOptions: decl.ctor ? this.optionsIndex(file, decl.ctor, RESOURCE_OPTION_TYPES) : undefined,
                getOptions: decl.staticGet ? this.optionsIndex(file, decl.staticGet, RESOURCE_OPTION_TYPES) : undefined,
                mixins: resource ? this.mixins(file, name, decl.methods, depth) : {},
            } satisfies ClassInfo;
        } else if (decl.kind === "function") {
            entity = this.functionInfo(file, name, decl.overloads, depth);
        } else {
            entity = { kind: "other", pkg: this.meta.pkg };
        }
        this.resolved.set(key, entity);
        return entity;
    }

    private baseKind(file: string, base: TypeRefSummary, depth: number): ResourceKind | undefined {
        const core = this.coreName(file, base);
        if (core !== undefined) {
            return CORE_BASES[core];
        }
        const entity = this.typeEntity(file, base, depth);
        return entity?.kind === "class" ? entity.resource : undefined;
    }

    /** The @pulumi/pulumi name a type reference points at, if it does. */
    private coreName(file: string, t: TypeRefSummary): string | undefined {
        if ("module" in t.ref && t.ref.module === CORE_PACKAGE) {
            const names = [...(t.ref.name ? [t.ref.name] : []), ...t.path];
            return names[names.length - 1];
        }
        return undefined;
    }

    private typeEntity(file: string, t: TypeRefSummary, depth: number): SdkEntity | undefined {
        let entity = this.fromRef(file, t.ref, depth + 1);
        for (const name of t.path) {
            entity = entity?.kind === "namespace" ? this.exported(entity.file, name, depth + 1) : undefined;
        }
        return entity;
    }

    private optionsIndex(file: string, sig: SignatureSummary, names: ReadonlySet<string>): number | undefined {
        const i = sig.params.findIndex((p) => p.types.some((t) => names.has(this.coreName(file, t) ?? "")));
        return i < 0 ? undefined : i;
    }

    private createdKind(file: string, sig: SignatureSummary, depth: number): ResourceKind | undefined {
        for (const r of sig.returns) {
            const e = this.typeEntity(file, r, depth + 1);
            if (e?.kind === "class" && e.resource) {
                return e.resource;
            }
        }
        return undefined;
    }

    private functionInfo(file: string, name: string, overloads: SignatureSummary[], depth: number): FunctionInfo {
        const info: FunctionInfo = { kind: "function", pkg: this.meta.pkg, name };
        for (const sig of overloads) {
            const invokeAt = this.optionsIndex(file, sig, INVOKE_OPTION_TYPES);
            if (invokeAt !== undefined && !info.invoke) {
                info.invoke = { options: invokeAt, token: this.files[path.relative(this.meta.root, file)]?.token };
            }
            const createsAt = this.optionsIndex(file, sig, RESOURCE_OPTION_TYPES);
            const kind = createsAt !== undefined ? this.createdKind(file, sig, depth) : undefined;
            if (kind && createsAt !== undefined && !info.creates) {
                info.creates = { kind, options: createsAt };
            }
        }
        return info;
    }

    /** Methods declared on the class or added by augmentations of its module that create resources. */
    private mixins(file: string, className: string, own: Record<string, SignatureSummary>, depth: number): Record<string, MixinInfo> {
        const out: Record<string, MixinInfo> = {};
        const consider = (from: string, methods: Record<string, SignatureSummary>) => {
            for (const [m, sig] of Object.entries(methods)) {
                const options = this.optionsIndex(from, sig, RESOURCE_OPTION_TYPES);
                const creates = options !== undefined ? this.createdKind(from, sig, depth) : undefined;
                if (options !== undefined && creates) {
                    out[m] = { options, creates };
                }
            }
        };
        consider(file, own);
        for (const rel of this.augmentingFiles()) {
            const from = path.join(this.meta.root, rel);
            const s = this.summary(from);
            for (const [target, interfaces] of Object.entries(s?.augments ?? {})) {
                const methods = interfaces[className];
                if (methods && this.resolveModule(from, target) && (this.resolveModule(from, target) as { file?: string }).file === file) {
                    consider(from, methods);
                }
            }
        }
        return out;
    }

    /** Method names the package's augmentations add to its classes. */
    augmentedMethodNames(): string[] {
        const names: string[] = [];
        for (const rel of this.augmentingFiles()) {
            const s = this.summary(path.join(this.meta.root, rel));
            for (const interfaces of Object.values(s?.augments ?? {})) {
                for (const methods of Object.values(interfaces)) {
                    names.push(...Object.keys(methods));
                }
            }
        }
        return names;
    }

    private augmentingFiles(): string[] {
        if (!this.augmenters) {
            const found: string[] = [];
            const walk = (dir: string) => {
                for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
                    const full = path.join(dir, e.name);
                    if (e.isDirectory()) {
                        if (e.name !== "node_modules") {
                            walk(full);
                        }
                    } else if (e.name.endsWith(".d.ts") && fs.readFileSync(full, "utf8").includes("declare module ")) {
                        found.push(path.relative(this.meta.root, full));
                    }
                }
            };
            walk(this.meta.root);
            this.augmenters = found.sort();
            this.dirty = true;
        }
        return this.augmenters;
    }
}

/** The token a declaration file's JavaScript invokes, when it invokes exactly one. */
function invokeToken(dtsFile: string): string | undefined {
    let js: string;
    try {
        js = fs.readFileSync(dtsFile.replace(/\.d\.ts$/, ".js"), "utf8");
    } catch {
        return undefined;
    }
    const tokens = new Set([...js.matchAll(INVOKE_TOKEN)].map((m) => m[1]));
    return tokens.size === 1 ? [...tokens][0] : undefined;
}
