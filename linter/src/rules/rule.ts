import { ts } from "@ts-morph/common";
import type { Creation } from "../analysis/creations";
import type { Judge, Judged } from "../analysis/judge";
import type { RuleMeta } from "../report/rule-meta";

export { detail } from "../report/rule-meta";

/** A place a finding also points at (SARIF related location): the resource inside a helper. */
export interface RelatedNode {
    node: ts.Node;
    message: string;
}

export interface RuleContext<M extends string> {
    /** Everything the analysed files create that reaches AWS. */
    creations: readonly Creation[];
    /** Project classes declared in the files being linted. */
    classes: readonly ts.ClassLikeDeclaration[];
    judge: Judge;
    allowDefaultProviderInvokes: ReadonlySet<string>;
    /** `site.ts:6`, relative to the working directory. */
    where(node: ts.Node): string;
    /** The project class a `new` call instantiates, if it is one. */
    instantiatedClass(call: ts.Node): ts.ClassLikeDeclaration | undefined;
    isSameOrSubclass(cls: ts.ClassLikeDeclaration, base: ts.ClassLikeDeclaration): boolean;
    /**
     * Where `super(...)` of a resource class takes its options: Pulumi's ComponentResource and SDK
     * classes by their signature, a project base class by its options parameter; undefined for a
     * class that is not a resource.
     */
    superOptionsIndex(cls: ts.ClassLikeDeclaration): number | undefined;
    report(node: ts.Node, messageId: M, data?: Record<string, string>, related?: RelatedNode[]): void;
    /**
     * The options could not be seen through: an `unverifiable-options` warning at `node`, never a
     * silent pass. `claim` is what could not be verified ("new aws.s3.Bucket(...) gets a provider");
     * `evidence` is the expression or parameter that hid the options, and `keys` what they should
     * set; `--typed` may still prove from its type that one of `keys` is required.
     */
    reportUnverifiable(node: ts.Node, claim: string, why: string, evidence: ts.Node, keys: readonly string[]): void;
}

/** A rule that inspects code: its metadata (messages by id) next to its check. */
export interface RuleModule<M extends string = string> extends RuleMeta<M> {
    check?(context: RuleContext<M>): void;
}

export function defineRule<M extends string>(rule: RuleModule<M>): RuleModule<M> {
    return rule;
}

/** Where a failed verdict belongs: at the creation, at the call that passed nothing, or at a component's instantiation. */
export type Route =
    | { kind: "direct" }
    | { kind: "call"; call: ts.CallExpression | ts.NewExpression }
    | { kind: "component"; call: ts.NewExpression; cls: ts.ClassLikeDeclaration }
    | { kind: "subclass"; call: ts.NewExpression; cls: ts.ClassLikeDeclaration };

export function routeOf<M extends string>(context: RuleContext<M>, creation: Creation, judged: Judged): Route {
    const call = judged.ctx.outermostCall();
    if (!call || call === creation.node) {
        return { kind: "direct" };
    }
    const cls = ts.isNewExpression(call) ? context.instantiatedClass(call) : undefined;
    if (cls && ts.isNewExpression(call)) {
        // `new MyBucket(...)` of a project subclass of aws.s3.Bucket is that resource being created.
        if (creation.subclass && context.isSameOrSubclass(cls, creation.subclass)) {
            return { kind: "subclass", call, cls };
        }
        return { kind: "component", call, cls };
    }
    return { kind: "call", call };
}

/** `callee(...)` of a call, normalised for messages. */
export function callText(call: ts.CallExpression | ts.NewExpression): string {
    const callee = call.expression.getText().replace(/\s+/g, "");
    return `${ts.isNewExpression(call) ? "new " : ""}${callee.length > 40 ? `${callee.slice(0, 37)}...` : callee}(...)`;
}

/** `new aws.s3.Bucket(...)` or `aws.getRegion(...)`: how a creation reads in a message. */
export function creationText(creation: Creation): string {
    if (creation.kind === "resource" || creation.kind === "provider" || (creation.kind === "component" && ts.isNewExpression(creation.node))) {
        return `new ${creation.display}(...)`;
    }
    return `${creation.display}(...)`;
}
