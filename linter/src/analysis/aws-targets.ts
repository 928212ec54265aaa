import { ts } from "@ts-morph/common";
import { Entity, EntityResolver } from "./entities";
import { unwrap } from "./scopes";

/** Something in the source that reaches AWS, or instantiates a project component. */
export interface Creation {
    kind: "resource" | "lookup" | "invoke" | "provider" | "component";
    node: ts.NewExpression | ts.CallExpression;
    /** How the source names it, normalised: `aws.s3.Bucket`, `aws.getCallerIdentity`, `Site`. */
    display: string;
    /** The options argument, if any. */
    options: ts.Expression | undefined;
    /** Where options go: 2 for `new X(name, args, opts)`, 3 for `X.get(name, id, state, opts)`, 1 for invokes. */
    optionsIndex: number;
    /** For invokes: the Pulumi token, e.g. `aws:ec2/getVpc:getVpc`. */
    token?: string;
    /** For providers: the args argument. */
    args?: ts.Expression;
    /** For components: the class. */
    componentClass?: ts.ClassLikeDeclaration;
}

const UPPER = /^[A-Z]/;
const INVOKE = /^get[A-Z0-9_]/;

function display(pkg: string, path: string[]): string {
    return [pkg, ...path].join(".");
}

/** `aws:ec2/getVpc:getVpc` for aws.ec2.getVpc / getVpcOutput. */
export function invokeToken(pkg: string, path: string[]): string {
    const fn = path[path.length - 1].replace(/Output$/, "");
    const module = path.length > 1 ? path.slice(0, -1).join("/") : "index";
    return `${pkg}:${module}/${fn}:${fn}`;
}

function argAt(args: ts.NodeArray<ts.Expression> | undefined, index: number): ts.Expression | undefined {
    if (!args) {
        return undefined;
    }
    // A spread before the options position hides which argument lands there.
    for (let i = 0; i < Math.min(index, args.length); i++) {
        if (ts.isSpreadElement(args[i])) {
            return args[i];
        }
    }
    return args[index];
}

export interface ComponentOracle {
    isComponent(decl: ts.ClassLikeDeclaration): boolean;
}

/** Classifies `new X(...)` and calls; undefined for anything that does not concern the guardrails. */
export function classifyCreation(node: ts.Node, resolver: EntityResolver, components: ComponentOracle): Creation | undefined {
    if (ts.isNewExpression(node)) {
        const entity = resolver.resolve(node.expression);
        if (!entity) {
            return undefined;
        }
        if (entity.kind === "package" && resolver.isAwsPackage(entity.pkg)) {
            const last = entity.path[entity.path.length - 1];
            if (!last || !UPPER.test(last)) {
                return undefined;
            }
            const name = display(entity.pkg, entity.path);
            if (entity.path.length === 1 && last === "Provider") {
                return { kind: "provider", node, display: name, options: argAt(node.arguments, 2), optionsIndex: 2, args: argAt(node.arguments, 1) };
            }
            return { kind: "resource", node, display: name, options: argAt(node.arguments, 2), optionsIndex: 2 };
        }
        if (entity.kind === "class" && components.isComponent(entity.decl)) {
            return {
                kind: "component",
                node,
                display: entity.decl.name?.text ?? "(anonymous component)",
                options: argAt(node.arguments, 2),
                optionsIndex: 2,
                componentClass: entity.decl,
            };
        }
        return undefined;
    }
    if (ts.isCallExpression(node)) {
        const callee = unwrap(node.expression);
        // Static lookups: aws.s3.Bucket.get(name, id, state?, opts?)
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === "get") {
            const owner: Entity | undefined = resolver.resolve(callee.expression);
            if (owner?.kind === "package" && resolver.isAwsPackage(owner.pkg)) {
                const last = owner.path[owner.path.length - 1];
                if (last && UPPER.test(last) && !(owner.path.length === 1 && last === "Provider")) {
                    return { kind: "lookup", node, display: `${display(owner.pkg, owner.path)}.get`, options: argAt(node.arguments, 3), optionsIndex: 3 };
                }
            }
            return undefined;
        }
        const entity = resolver.resolve(callee);
        if (entity?.kind === "package" && resolver.isAwsPackage(entity.pkg)) {
            const last = entity.path[entity.path.length - 1];
            if (last && INVOKE.test(last)) {
                return {
                    kind: "invoke",
                    node,
                    display: display(entity.pkg, entity.path),
                    options: argAt(node.arguments, 1),
                    optionsIndex: 1,
                    token: invokeToken(entity.pkg, entity.path),
                };
            }
        }
    }
    return undefined;
}
