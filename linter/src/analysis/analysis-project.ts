import { ts } from "@ts-morph/common";
import { defaultCacheDir, SdkRegistry } from "../sdk/registry";
import { baseExpression, CallSiteFinder, extendsClass } from "./call-sites";
import { Ctx, NeedsContext } from "./context";
import { Creation, CreationClassifier } from "./creations";
import { EntityResolver } from "./entities";
import { Evaluator, short } from "./evaluator";
import { fileIndex } from "./file-index";
import { Judge } from "./judge";
import { ParsedFile, ProjectSources, SourceHost } from "./project-sources";
import { SST_PLATFORM, sstGlobals } from "./sst";
import { REGISTRATION_NAMES, StackTransforms } from "./stack-transforms";
import { unwrap } from "./scopes";
import { Value } from "./values";

/** How far a lint run follows calls into other files to find what their resources need. */
const CALLEE_FILE_DEPTH = 4;

/**
 * One project's analysis services, shared by every file a run lints: sources, installed SDKs,
 * name resolution, evaluation, call sites and verdicts, each caching what it has learnt.
 */
export class AnalysisProject {
    readonly sources: ProjectSources;
    readonly registry: SdkRegistry;
    readonly resolver: EntityResolver;
    readonly classifier: CreationClassifier;
    readonly evaluator: Evaluator;
    callSites: CallSiteFinder;
    judge: Judge;
    private readonly creationCache = new Map<ParsedFile, Creation[]>();

    constructor(host: SourceHost, packages: readonly string[], options: { cacheDir?: string | false; registry?: SdkRegistry } = {}) {
        this.sources = new ProjectSources(host);
        this.registry =
            options.registry ??
            new SdkRegistry({
                cacheDir: options.cacheDir === false ? undefined : (options.cacheDir ?? defaultCacheDir(process.cwd())),
            });
        this.resolver = new EntityResolver(this.sources, this.registry);
        this.resolver.globals = sstGlobals(this.resolver);
        this.classifier = new CreationClassifier(this.resolver, packages);
        this.evaluator = new Evaluator(this.resolver, this.classifier);
        this.callSites = new CallSiteFinder(this.resolver, (receiver) => this.receiverClasses(receiver));
        this.judge = new Judge(this.evaluator, this.callSites);
    }

    /** Limits call-site searches to the files a run reports in and what they call (see CallSiteFinder). */
    setScope(files: ParsedFile[] | undefined): void {
        const scope = files ? new Set(files.map((f) => f.file)) : undefined;
        this.callSites = new CallSiteFinder(this.resolver, (receiver) => this.receiverClasses(receiver), scope);
        this.judge = new Judge(this.evaluator, this.callSites, files && this.stackTransforms(files));
    }

    /**
     * The stack transformations the packages of `files` register, anywhere in them (a run of a few
     * files still sees the entry point's). A package's own: another program of a monorepo
     * registers its transformations for its own resources only.
     */
    private stackTransforms(files: ParsedFile[]): StackTransforms {
        const roots = [...new Set(files.map((f) => this.sources.packageRootOf(f.file)))];
        const registering = new Set(REGISTRATION_NAMES.flatMap((name) => this.sources.filesMentioning(roots, name)));
        return new StackTransforms(this.evaluator, [...registering], (file) => this.sources.packageRootOf(file));
    }

    /**
     * The files to analyse for a lint set: the files themselves and, a few levels deep, the project
     * files whose functions and classes they call, so a call that passes no provider is found even
     * when the helper's own file is not being linted (a pre-commit run of the staged files).
     */
    analysisSet(files: ParsedFile[]): ParsedFile[] {
        const set = new Set(files);
        let frontier = files;
        for (let depth = 0; depth < CALLEE_FILE_DEPTH && frontier.length > 0; depth++) {
            const next: ParsedFile[] = [];
            for (const file of frontier) {
                for (const node of fileIndex(file.source).calls) {
                    const e = this.resolver.resolve(node.expression);
                    const decl = e && (e.kind === "class" || e.kind === "function") ? e.decl : undefined;
                    // A class's constructor may be its base's (no constructor of its own): follow the chain.
                    const decls: ts.Node[] = decl ? [decl] : [];
                    for (let c = decl && ts.isClassLike(decl) ? this.evaluator.members.baseClass(decl) : undefined, i = 0; c && i < 12; c = this.evaluator.members.baseClass(c), i++) {
                        decls.push(c);
                    }
                    for (const d of decls) {
                        const sourceFile = d.getSourceFile();
                        const callee = !sourceFile.fileName.includes(SST_PLATFORM) ? this.sources.fileOf(sourceFile) : undefined;
                        if (callee && !set.has(callee)) {
                            set.add(callee);
                            next.push(callee);
                        }
                    }
                }
            }
            frontier = next;
        }
        return [...set];
    }

    /** What a file creates that reaches AWS (classified once per file). */
    creationsIn(file: ParsedFile): Creation[] {
        let found = this.creationCache.get(file);
        if (found) {
            return found;
        }
        found = [];
        const calls: ts.CallExpression[] = [];
        for (const node of fileIndex(file.source).calls) {
            const creation = this.classifier.classify(node);
            if (creation) {
                found.push(creation);
            } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(unwrap(node.expression))) {
                calls.push(node);
            }
        }
        // Mixins (`bucket.onObjectCreated(...)`) are known once the receiver's SDK class is.
        const mixinNames = this.registry.mixinNames();
        for (const call of calls) {
            const callee = unwrap(call.expression) as ts.PropertyAccessExpression;
            if (!mixinNames.has(callee.name.text)) {
                continue;
            }
            const cls = this.receiverValues(callee.expression).find((v): v is Extract<Value, { t: "resource" }> => v.t === "resource" && !!v.creation.cls?.mixins[callee.name.text]);
            const creation = cls?.creation.cls && this.classifier.mixin(call, cls.creation.cls, short(callee.expression));
            if (creation) {
                found.push(creation);
            }
        }
        this.creationCache.set(file, found);
        return found;
    }

    /** Project classes a file declares. */
    classesIn(file: ParsedFile): readonly ts.ClassLikeDeclaration[] {
        return fileIndex(file.source).classes;
    }

    /** What a receiver may be, on any path (its helper's call sites included). */
    private receiverValues(receiver: ts.Expression): Value[] {
        try {
            return this.evaluator.evaluate(receiver, Ctx.EMPTY);
        } catch (e) {
            if (!(e instanceof NeedsContext)) {
                throw e;
            }
            const values: Value[] = [];
            this.judge.paths(receiver, (ctx) => {
                values.push(...this.evaluator.evaluate(receiver, ctx));
                return { ok: true };
            });
            return values;
        }
    }

    private receiverClasses(receiver: ts.Expression): ts.ClassLikeDeclaration[] | undefined {
        const values = this.receiverValues(receiver);
        if (values.some((v) => v.t === "unknown")) {
            return undefined;
        }
        return values.flatMap((v) => (v.t === "instance" ? [v.cls] : []));
    }

    /** The project class a `new` instantiates, when that class registers a resource (a component or a resource subclass). */
    instantiatedResourceClass(call: ts.Node): ts.ClassLikeDeclaration | undefined {
        if (!ts.isNewExpression(call)) {
            return undefined;
        }
        const e = this.resolver.resolve(call.expression);
        return e?.kind === "class" && this.judge.outcomes.registration(e.decl) ? e.decl : undefined;
    }

    isSameOrSubclass(cls: ts.ClassLikeDeclaration, base: ts.ClassLikeDeclaration): boolean {
        return cls === base || extendsClass(cls, base, this.resolver);
    }

    /** Where `super(...)` of `cls` takes its options (see RuleContext.superOptionsIndex). */
    superOptionsIndex(cls: ts.ClassLikeDeclaration, depth = 0): number | undefined {
        const expr = baseExpression(cls);
        const base = expr && depth < 12 ? this.resolver.resolve(expr) : undefined;
        if (base?.kind === "core") {
            const name = base.path[base.path.length - 1];
            return name === "ComponentResource" || name === "CustomResource" ? 3 : undefined;
        }
        if (base?.kind === "package") {
            const info = this.classifier.info(base);
            return info?.kind === "class" && info.resource && info.resource !== "provider" ? info.ctorOptions : undefined;
        }
        if (base?.kind === "class") {
            if (this.superOptionsIndex(base.decl, depth + 1) === undefined) {
                return undefined;
            }
            const ctor = this.evaluator.members.explicitConstructor(base.decl);
            const index = ctor?.parameters.findIndex((p) => p.type && /\b(ComponentResourceOptions|CustomResourceOptions|ResourceOptions)\b/.test(p.type.getText()));
            return index !== undefined && index >= 0 ? index : undefined;
        }
        return undefined;
    }
}
