import { ts } from "@ts-morph/common";
import { classifyCreation, ComponentOracle, Creation } from "./aws-targets";
import { EntityResolver, PULUMI_PACKAGE } from "./entities";
import { KeyState, ObjectFactsEvaluator } from "./object-facts";
import { thisContainer, unwrap } from "./scopes";

/**
 * Does a creation end up on an explicit provider? Mirrors the Node SDK: `opts.provider`, else
 * (components) `opts.providers`, else the parent's provider. `parent: this` inside a component
 * hands the question to whoever instantiates the component (require-component-provider).
 */
export type Verdict =
    | { ok: true; how: "provider" | "providers" | "parent" | "parent-this" }
    | { ok: false; kind: "missing"; detail?: string }
    | { ok: false; kind: "providers-on-custom" }
    | { ok: false; kind: "unverifiable"; why: string; node: ts.Node };

type ParentState = { state: "carries" } | { state: "this" } | { state: "lacks"; detail: string } | { state: "unverifiable"; why: string; node: ts.Node };

const OPTION_KEYS = ["provider", "providers", "parent"] as const;
const MAX_DEPTH = 6;

export class ProviderReach implements ComponentOracle {
    private readonly componentCache = new Map<ts.ClassLikeDeclaration, boolean>();
    private readonly reliesCache = new Map<ts.ClassLikeDeclaration, boolean>();
    private readonly inProgress = new Set<ts.ClassLikeDeclaration>();

    constructor(
        readonly resolver: EntityResolver,
        readonly facts: ObjectFactsEvaluator,
    ) {}

    classify(node: ts.Node): Creation | undefined {
        return classifyCreation(node, this.resolver, this);
    }

    /** A class extending pulumi.ComponentResource, directly or through other project components. */
    isComponent(decl: ts.ClassLikeDeclaration): boolean {
        const cached = this.componentCache.get(decl);
        if (cached !== undefined) {
            return cached;
        }
        this.componentCache.set(decl, false); // cycle guard
        const base = baseClassExpression(decl);
        const entity = base && this.resolver.resolve(base);
        const result =
            (entity?.kind === "package" && entity.pkg === PULUMI_PACKAGE && entity.path[entity.path.length - 1] === "ComponentResource") ||
            (entity?.kind === "class" && this.isComponent(entity.decl));
        this.componentCache.set(decl, result);
        return result;
    }

    /** Whether some AWS child of the component gets its provider only through `parent: this`. */
    reliesOnParent(decl: ts.ClassLikeDeclaration): boolean {
        const cached = this.reliesCache.get(decl);
        if (cached !== undefined) {
            return cached;
        }
        if (this.inProgress.has(decl)) {
            return false;
        }
        this.inProgress.add(decl);
        let relies = false;
        const base = baseClassExpression(decl);
        const baseEntity = base && this.resolver.resolve(base);
        if (baseEntity?.kind === "class" && this.isComponent(baseEntity.decl) && this.reliesOnParent(baseEntity.decl)) {
            relies = true;
        }
        const visit = (node: ts.Node): void => {
            if (relies || ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node !== decl)) {
                return;
            }
            const creation = this.classify(node);
            if (creation && creation.kind !== "provider") {
                const verdict = this.verdict(creation);
                if (verdict.ok && verdict.how === "parent-this") {
                    relies = true;
                    return;
                }
            }
            ts.forEachChild(node, visit);
        };
        ts.forEachChild(decl, visit);
        this.inProgress.delete(decl);
        this.reliesCache.set(decl, relies);
        return relies;
    }

    verdict(creation: Creation, depth = 0): Verdict {
        const f = this.facts.evaluate(creation.options, OPTION_KEYS);
        if (f.provider.state === "set") {
            return { ok: true, how: "provider" };
        }
        if (f.providers.state === "set") {
            if (creation.kind === "component") {
                return { ok: true, how: "providers" };
            }
            if (creation.kind === "resource" || creation.kind === "lookup") {
                return { ok: false, kind: "providers-on-custom" };
            }
        }
        if (f.parent.state === "set") {
            const parent = this.parentState(f.parent, creation.node, depth);
            if (parent.state === "carries") {
                return { ok: true, how: "parent" };
            }
            if (parent.state === "this") {
                const cls = thisContainer(creation.node);
                if (cls && (ts.isClassDeclaration(cls) || ts.isClassExpression(cls)) && this.isComponent(cls)) {
                    return { ok: true, how: "parent-this" };
                }
                return { ok: false, kind: "missing", detail: "`parent: this` is not a component here, so nothing is inherited" };
            }
            if (parent.state === "unverifiable") {
                return f.provider.state === "unverifiable" ? unverifiable(f.provider) : { ok: false, kind: "unverifiable", why: parent.why, node: parent.node };
            }
            if (f.provider.state === "absent") {
                return { ok: false, kind: "missing", detail: parent.detail };
            }
        }
        if (f.provider.state === "unverifiable") {
            return unverifiable(f.provider);
        }
        if (creation.kind === "component" && f.providers.state === "unverifiable") {
            return unverifiable(f.providers);
        }
        if (f.parent.state === "unverifiable") {
            return unverifiable(f.parent);
        }
        return { ok: false, kind: "missing", detail: f.provider.state === "absent" ? f.provider.where : undefined };
    }

    private parentState(parent: Extract<KeyState, { state: "set" }>, at: ts.Node, depth: number): ParentState {
        if (parent.values.length === 0) {
            return { state: "unverifiable", why: "its parent cannot be followed", node: at };
        }
        const states = parent.values.map((v) => this.parentValue(v, depth + 1));
        // Every possible parent must carry a provider.
        return states.find((s) => s.state === "lacks") ?? states.find((s) => s.state === "unverifiable") ?? states.find((s) => s.state === "this") ?? states[0];
    }

    private parentValue(value: ts.Expression, depth: number): ParentState {
        const e = unwrap(value);
        if (depth > MAX_DEPTH) {
            return { state: "unverifiable", why: "its parent chain is too deep to follow", node: e };
        }
        if (e.kind === ts.SyntaxKind.ThisKeyword) {
            return { state: "this" };
        }
        let init: ts.Expression | undefined;
        if (ts.isIdentifier(e)) {
            const decl = this.facts.valueDeclaration(e);
            init = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
        } else if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
            init = thisMemberInitializer(e);
        }
        const created = init && unwrap(init);
        if (!created || !ts.isNewExpression(created)) {
            return { state: "unverifiable", why: `its parent ${e.getText()} is not a resource created in view`, node: e };
        }
        const creation = this.classify(created);
        if (!creation || creation.kind === "provider") {
            return { state: "unverifiable", why: `its parent ${e.getText()} is not an AWS resource or a project component`, node: e };
        }
        const verdict = this.verdict(creation, depth + 1);
        if (verdict.ok) {
            return verdict.how === "parent-this" ? { state: "this" } : { state: "carries" };
        }
        if (verdict.kind === "unverifiable") {
            return { state: "unverifiable", why: verdict.why, node: verdict.node };
        }
        return { state: "lacks", detail: `its parent ${e.getText()} has no provider either` };
    }
}

function unverifiable(state: KeyState): Verdict {
    if (state.state !== "unverifiable") {
        throw new Error("unverifiable() needs an unverifiable key state");
    }
    return { ok: false, kind: "unverifiable", why: state.why, node: state.node };
}

function baseClassExpression(decl: ts.ClassLikeDeclaration): ts.Expression | undefined {
    for (const clause of decl.heritageClauses ?? []) {
        if (clause.token === ts.SyntaxKind.ExtendsKeyword && clause.types.length > 0) {
            return clause.types[0].expression;
        }
    }
    return undefined;
}

/** `this.bucket`: the single value the class assigns to it (property initializer or `this.bucket = ...`). */
function thisMemberInitializer(access: ts.PropertyAccessExpression): ts.Expression | undefined {
    const cls = thisContainer(access);
    if (!cls || !(ts.isClassDeclaration(cls) || ts.isClassExpression(cls))) {
        return undefined;
    }
    const name = access.name.text;
    const found: ts.Expression[] = [];
    for (const member of cls.members) {
        if (ts.isPropertyDeclaration(member) && member.name.getText() === name && member.initializer) {
            found.push(member.initializer);
        }
    }
    const visit = (node: ts.Node): void => {
        if (
            ts.isBinaryExpression(node) &&
            node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            ts.isPropertyAccessExpression(node.left) &&
            node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
            node.left.name.text === name
        ) {
            found.push(node.right);
        }
        ts.forEachChild(node, visit);
    };
    cls.members.forEach((m) => ts.forEachChild(m, visit));
    return found.length === 1 ? found[0] : undefined;
}
