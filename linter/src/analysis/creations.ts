import { ts } from "@ts-morph/common";
import type { ClassInfo, SdkEntity } from "../sdk/model";
import { Entity, EntityResolver } from "./entities";
import { unwrap } from "./scopes";
import { SST_PLATFORM } from "./sst";

/**
 * The places in the code where something reaches AWS: a resource, lookup, invoke, provider or SDK
 * component is created, and which argument holds its options. Learnt from the installed SDK's
 * declarations; a package that is not installed falls back to its names (classes are resources,
 * `get*` functions are invokes), and the run says once which package it could not read.
 */
export type CreationKind = "resource" | "lookup" | "invoke" | "provider" | "component" | "mixin";

export interface Creation {
    kind: CreationKind;
    node: ts.NewExpression | ts.CallExpression;
    /** How the code names it, normalised: `aws.s3.Bucket`, `aws.getCallerIdentity`, `bucket.onObjectCreated`. */
    display: string;
    /** The Pulumi package of the resource or invoke (`aws`, `aws-native`, `awsx`). */
    pkg: string;
    /** The options argument: undefined when not passed, "hidden" when a spread argument hides it. */
    options: ts.Expression | undefined | "hidden";
    optionsIndex: number;
    /** Packages whose provider it needs (its own for resources and invokes, its children's for components). */
    needs: string[];
    token?: string;
    /** Providers: the args argument. */
    args?: ts.Expression;
    /** Mixins: the resource the created component is parented to. */
    receiver?: ts.Expression;
    /** Created by the `super(...)` call of this project class, a subclass of an SDK resource class. */
    subclass?: ts.ClassLikeDeclaration;
    /** The SDK class, when one is created. */
    cls?: ClassInfo;
}

/**
 * Every creation with the same fields in the same order: the judge reads them on its hottest paths,
 * and objects of one shape keep those reads fast (a spread or a missing field each make another).
 */
function creation(c: Creation): Creation {
    return { kind: c.kind, node: c.node, display: c.display, pkg: c.pkg, options: c.options, optionsIndex: c.optionsIndex, needs: c.needs, token: c.token, args: c.args, receiver: c.receiver, subclass: c.subclass, cls: c.cls };
}

const UPPER = /^[A-Z]/;
const INVOKE_NAME = /^get[A-Z0-9_]/;

function argAt(args: ts.NodeArray<ts.Expression> | undefined, index: number): ts.Expression | undefined | "hidden" {
    if (!args) {
        return undefined;
    }
    for (let i = 0; i < Math.min(index + 1, args.length); i++) {
        if (ts.isSpreadElement(args[i])) {
            return "hidden";
        }
    }
    return args[index];
}

/** `aws:ec2/getVpc:getVpc` for aws.ec2.getVpc / getVpcOutput, when the SDK's JavaScript did not say. */
function invokeToken(pkg: string, path: string[]): string {
    const fn = path[path.length - 1].replace(/Output$/, "");
    const module = path.length > 1 ? path.slice(0, -1).join("/") : "index";
    return `${pkg}:${module}/${fn}:${fn}`;
}

export class CreationClassifier {
    private readonly packages: ReadonlySet<string>;

    constructor(
        private readonly resolver: EntityResolver,
        packages: readonly string[],
    ) {
        this.packages = new Set(packages);
    }

    /** Pulumi names of the packages whose resources need an explicit provider. */
    isJudged(pkg: string): boolean {
        return this.packages.has(pkg);
    }

    private pulumiName(e: Extract<Entity, { kind: "package" }>): string {
        return this.resolver.registry.package(e.npm, e.fromDir)?.meta.pkg ?? (e.npm.startsWith("@pulumi/") ? e.npm.slice(8) : e.npm);
    }

    display(e: Extract<Entity, { kind: "package" }>): string {
        const sub = e.subpath.split("/").filter((s) => s && s !== "index");
        return [this.pulumiName(e), ...sub, ...e.path].join(".");
    }

    /** What a component of `pkg` needs: providers of the judged packages among it and its dependencies. */
    componentNeeds(e: Extract<Entity, { kind: "package" }>, pkg: string): string[] {
        const deps = (this.resolver.registry.package(e.npm, e.fromDir)?.meta.dependencies ?? []).map((d) => d.slice("@pulumi/".length));
        return [...new Set([pkg, ...deps])].filter((p) => this.isJudged(p));
    }

    /** The SDK's own description of a package entity, or, if the package cannot be read, its name's. */
    info(e: Extract<Entity, { kind: "package" }>): SdkEntity | undefined {
        const known = this.resolver.sdkInfo(e);
        if (known || this.resolver.registry.package(e.npm, e.fromDir)) {
            return known;
        }
        const pkg = this.pulumiName(e);
        const last = e.path[e.path.length - 1];
        if (!last || !e.npm.startsWith("@pulumi/") || !this.isJudged(pkg)) {
            return undefined;
        }
        if (UPPER.test(last)) {
            const resource = last === "Provider" && e.path.length === 1 && !e.subpath ? "provider" : "custom";
            return { kind: "class", pkg, name: last, resource, ctorOptions: 2, getOptions: 3, mixins: {} };
        }
        return INVOKE_NAME.test(last) ? { kind: "function", pkg, name: last, invoke: { options: 1 } } : undefined;
    }

    /**
     * What each node creates, if anything (null: nothing). Kept so that every analysis sees one
     * Creation per node: verdicts are cached by creation, and finding a creation again while
     * evaluating options (a parent, a provider) would otherwise repeat the work.
     */
    private readonly classified = new WeakMap<ts.Node, Creation | null>();

    classify(node: ts.Node): Creation | undefined {
        let hit = this.classified.get(node);
        if (hit === undefined) {
            hit = this.classifyUncached(node) ?? null;
            this.classified.set(node, hit);
        }
        return hit ?? undefined;
    }

    private classifyUncached(node: ts.Node): Creation | undefined {
        if (ts.isNewExpression(node)) {
            const entity = this.resolver.resolve(node.expression);
            if (entity?.kind === "class" && entity.decl.getSourceFile().fileName.includes(SST_PLATFORM)) {
                return this.sstComponent(node, entity.decl);
            }
            return entity?.kind === "package" ? this.fromClass(node, entity, this.info(entity)) : undefined;
        }
        if (!ts.isCallExpression(node)) {
            return undefined;
        }
        if (node.expression.kind === ts.SyntaxKind.SuperKeyword) {
            return this.fromSuper(node);
        }
        const callee = unwrap(node.expression);
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === "get") {
            const owner = this.resolver.resolve(callee.expression);
            const info = owner?.kind === "package" ? this.info(owner) : undefined;
            if (owner?.kind === "package" && info?.kind === "class" && info.resource === "custom" && info.getOptions !== undefined && this.isJudged(info.pkg)) {
                return creation({
                    kind: "lookup",
                    node,
                    display: `${this.display(owner)}.get`,
                    pkg: info.pkg,
                    options: argAt(node.arguments, info.getOptions),
                    optionsIndex: info.getOptions,
                    needs: [info.pkg],
                    cls: info,
                });
            }
            return undefined;
        }
        const entity = this.resolver.resolve(callee);
        if (entity?.kind !== "package") {
            return undefined;
        }
        const info = this.info(entity);
        if (info?.kind !== "function") {
            return undefined;
        }
        if (info.invoke && this.isJudged(info.pkg)) {
            return creation({
                kind: "invoke",
                node,
                display: this.display(entity),
                pkg: info.pkg,
                options: argAt(node.arguments, info.invoke.options),
                optionsIndex: info.invoke.options,
                needs: [info.pkg],
                token: info.invoke.token ?? invokeToken(info.pkg, entity.path),
            });
        }
        if (info.creates) {
            const needs = info.creates.kind === "component" ? this.componentNeeds(entity, info.pkg) : this.isJudged(info.pkg) ? [info.pkg] : [];
            if (needs.length > 0) {
                const kind = info.creates.kind === "component" ? "component" : "resource";
                return creation({ kind, node, display: this.display(entity), pkg: info.pkg, options: argAt(node.arguments, info.creates.options), optionsIndex: info.creates.options, needs });
            }
        }
        return undefined;
    }

    private fromClass(node: ts.NewExpression | ts.CallExpression, entity: Extract<Entity, { kind: "package" }>, info: SdkEntity | undefined, subclass?: ts.ClassLikeDeclaration): Creation | undefined {
        if (info?.kind !== "class" || !info.resource || info.ctorOptions === undefined) {
            return undefined;
        }
        const kind = info.resource === "provider" ? "provider" : info.resource === "component" ? "component" : "resource";
        const needs = kind === "provider" ? [] : kind === "component" ? this.componentNeeds(entity, info.pkg) : [info.pkg];
        if (kind === "component" ? needs.length === 0 : !this.isJudged(info.pkg)) {
            return undefined;
        }
        return creation({
            kind,
            node,
            display: subclass ? (subclass.name?.text ?? "(anonymous class)") : this.display(entity),
            pkg: info.pkg,
            options: argAt(node.arguments, info.ctorOptions),
            optionsIndex: info.ctorOptions,
            needs,
            args: kind === "provider" ? (argAt(node.arguments, 1) as ts.Expression | undefined) : undefined,
            cls: info,
            subclass,
        });
    }

    /**
     * `new sst.aws.Bucket(...)`: SST's components are TypeScript under .sst/platform, generated, not
     * the project's; they are AWS components (their children take the aws provider they are given),
     * with options where their constructor declares them.
     */
    private sstComponent(node: ts.NewExpression, cls: ts.ClassLikeDeclaration): Creation | undefined {
        const needs = ["aws"].filter((p) => this.isJudged(p));
        const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m));
        const index = ctor?.parameters.findIndex((p) => p.type && /ResourceOptions\b/.test(p.type.getText())) ?? -1;
        if (needs.length === 0) {
            return undefined;
        }
        const optionsIndex = index >= 0 ? index : 2;
        const display = `sst.${node.expression.getText().replace(/^sst\./, "")}`;
        return creation({ kind: "component", node, display, pkg: "sst", options: argAt(node.arguments, optionsIndex), optionsIndex, needs });
    }

    /** `super(...)` in a project class that extends an SDK resource class: that resource is created here. */
    private fromSuper(node: ts.CallExpression): Creation | undefined {
        let cls: ts.Node | undefined = node.parent;
        while (cls && !ts.isClassLike(cls)) {
            cls = cls.parent;
        }
        const extendsClause = cls && ts.isClassLike(cls) ? cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword) : undefined;
        const base = extendsClause?.types[0] && this.resolver.resolve(extendsClause.types[0].expression);
        if (!cls || !ts.isClassLike(cls) || base?.kind !== "package") {
            return undefined;
        }
        return this.fromClass(node, base, this.info(base), cls);
    }

    /** `recv.m(...)` where `m` is a method the SDK class of `recv` adds to create resources (`bucket.onObjectCreated`). */
    mixin(node: ts.CallExpression, receiverClass: ClassInfo, receiverText: string): Creation | undefined {
        const callee = unwrap(node.expression);
        if (!ts.isPropertyAccessExpression(callee)) {
            return undefined;
        }
        const m = receiverClass.mixins[callee.name.text];
        if (!m) {
            return undefined;
        }
        const needs = [receiverClass.pkg].filter((p) => this.isJudged(p));
        return needs.length === 0
            ? undefined
            : creation({ kind: "mixin", node, display: `${receiverText}.${callee.name.text}`, pkg: receiverClass.pkg, options: argAt(node.arguments, m.options), optionsIndex: m.options, needs, receiver: callee.expression });
    }
}
