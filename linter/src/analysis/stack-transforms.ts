import { ts } from "@ts-morph/common";
import { Ctx } from "./context";
import type { Creation } from "./creations";
import type { FunctionLike } from "./entities";
import { Evaluator, locationOf } from "./evaluator";
import { fileIndex } from "./file-index";
import type { ParsedFile } from "./project-sources";
import { unwrap } from "./scopes";
import { isNothing, other, Value } from "./values";

/**
 * Stack transformations: a function the program registers that may rewrite the options of every
 * resource created after it, the other way programs set a stack-wide provider:
 *
 *     pulumi.runtime.registerStackTransformation((args) => ({ props: args.props, opts: pulumi.mergeOptions(args.opts, { provider }) }));
 *
 * `registerStackTransformation` is applied by the SDK in the constructor of every resource created
 * after it (runtime/stack.js, resource.js): a resource created earlier in the same file keeps its
 * options, and one created in another module may have been created earlier. A transform registered
 * with `registerResourceTransform` (or its older name `registerStackTransform`) is applied by the
 * engine when a resource's registration reaches it, and every registration waits for the transform
 * registrations already made (settings.awaitStackRegistrations): one registered by a module's top-level
 * code applies to the resources the program creates before it too (test/fixtures/agreement/transformations).
 * Neither applies to invokes; `registerInvokeTransform` registers one for invokes, applied by the
 * engine likewise. A transformation
 * whose every return gives the options a provider of a resource's package gives the resource one;
 * on some returns only, or where the order cannot be told, it may, which the linter cannot settle.
 * One that never writes a provider (default tags) changes nothing here.
 */

/**
 * Who applies each registration (the SDK, in each later resource's constructor, or the engine, at
 * each registration) and to what: resources, or invokes (`registerInvokeTransform`, whose
 * transform gets `{ token, args, opts }`).
 */
const REGISTRATIONS: ReadonlyMap<string, { appliedBy: "sdk" | "engine"; to: "resources" | "invokes" }> = new Map([
    ["runtime.registerStackTransformation", { appliedBy: "sdk", to: "resources" }],
    ["runtime.registerResourceTransform", { appliedBy: "engine", to: "resources" }],
    ["runtime.registerStackTransform", { appliedBy: "engine", to: "resources" }],
    ["runtime.registerInvokeTransform", { appliedBy: "engine", to: "invokes" }],
]);
/** What a file must mention to register one: a text test before any syntax. */
export const REGISTRATION_NAMES = ["registerStackTransformation", "registerResourceTransform", "registerStackTransform", "registerInvokeTransform"];

/**
 * The argument a transformation gets for a resource of `pkg`: its type (a token of that package,
 * never a provider's), name, props and options, whose provider is the resource's own (absent here:
 * what the transformation keeps of it gives nothing new).
 */
const transformArgs = (pkg: string): Value => ({
    t: "object",
    node: ts.factory.createObjectLiteralExpression(),
    entries: [
        { key: "type", value: () => [{ t: "other", what: `a type of ${pkg}`, typeOfPackage: pkg }] },
        { key: "token", value: () => [{ t: "other", what: `a function of ${pkg}`, typeOfPackage: pkg }] },
        { key: "args", value: () => [other("the invoke's arguments")] },
        { key: "name", value: () => [other("a resource name")] },
        { key: "custom", value: () => [other("a boolean")] },
        { key: "props", value: () => [other("the resource's inputs")] },
        { key: "opts", value: () => [{ t: "object", node: ts.factory.createObjectLiteralExpression(), entries: [] }] },
    ],
});

export type Coverage = { by: "all"; at: string } | { by: "some"; at: string } | undefined;

interface Registration {
    call: ts.CallExpression;
    appliedBy: "sdk" | "engine";
    to: "resources" | "invokes";
    /** Per package: the provider each return of the transformation gives a resource's options (nothing: unchanged). */
    returns: (pkg: string) => Value[][];
}

export class StackTransforms {
    private readonly registrations: Registration[];

    constructor(
        private readonly ev: Evaluator,
        files: readonly ParsedFile[],
        /** The package a file belongs to: a transformation applies within its own. */
        private readonly packageOf: (file: string) => string,
    ) {
        this.registrations = files.flatMap((f) => (REGISTRATION_NAMES.some((t) => f.text.includes(t)) ? this.registeredIn(f) : []));
    }

    /** Whether a registered transformation gives a resource created at `when` a provider of `pkg`. */
    coverage(creation: Creation, pkg: string, when: ts.Node): Coverage {
        const to = creation.kind === "invoke" ? "invokes" : creation.kind === "provider" ? undefined : "resources";
        let maybe: Coverage;
        const pkgRoot = this.packageOf(when.getSourceFile().fileName);
        for (const r of this.registrations) {
            if (r.to !== to || this.packageOf(r.call.getSourceFile().fileName) !== pkgRoot) {
                continue;
            }
            const returns = r.returns(pkg);
            const gives = returns.map((providers) => providers.length > 0 && providers.every((p) => p.t === "provider" && p.pkg === pkg));
            if (!gives.some(Boolean) && returns.every((providers) => providers.every((p) => p.t !== "unknown"))) {
                continue; // it never writes a provider of this package
            }
            const order = r.appliedBy === "engine" && atTopLevel(r.call) ? "after" : runOrder(r.call, when, r.appliedBy);
            if (order === "before") {
                continue; // registered only after the resource was created
            }
            const at = locationOf(r.call);
            if (gives.every(Boolean) && order === "after") {
                return { by: "all", at };
            }
            maybe ??= { by: "some", at };
        }
        return maybe;
    }

    private registeredIn(file: ParsedFile): Registration[] {
        const out: Registration[] = [];
        for (const call of fileIndex(file.source).calls) {
            if (!ts.isCallExpression(call) || call.arguments.length === 0) {
                continue;
            }
            const entity = this.ev.resolver.resolve(unwrap(call.expression));
            const registration = entity?.kind === "core" ? REGISTRATIONS.get(entity.path.join(".")) : undefined;
            if (!registration) {
                continue;
            }
            const byPackage = new Map<string, Value[][]>();
            const arg = call.arguments[0];
            const returns = (pkg: string) => {
                let found = byPackage.get(pkg);
                if (!found) {
                    found = this.returns(arg, pkg);
                    byPackage.set(pkg, found);
                }
                return found;
            };
            out.push({ call, ...registration, returns });
        }
        return out;
    }

    /** Per return of the transformation: the provider its options get, [] for none, [unknown] where that cannot be told. */
    private returns(arg: ts.Expression, pkg: string): Value[][] {
        const fn = this.functionOf(arg);
        if (!fn) {
            return [[{ t: "unknown", why: "the transformation is out of view", node: arg }]];
        }
        // Called by the SDK with a resource's own props and options: what it keeps of them changes nothing.
        const ctx = Ctx.EMPTY.with(fn, { given: `the SDK, for ${pkg}`, args: [[transformArgs(pkg)]] });
        try {
            return this.ev.members.returnValues(fn, ctx, arg).map((result) => {
                if (isNothing(result)) {
                    return []; // `return undefined`: the resource is left as it was
                }
                const opts = this.ev.property([result], "opts", arg, ctx);
                return this.ev.property(opts, "provider", arg, ctx).filter((p) => !isNothing(p));
            });
        } catch {
            return [[{ t: "unknown", why: "the transformation cannot be followed", node: arg }]];
        }
    }

    private functionOf(arg: ts.Expression): FunctionLike | undefined {
        const e = unwrap(arg);
        if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
            return e;
        }
        const entity = this.ev.resolver.resolve(e);
        return entity?.kind === "function" ? entity.decl : undefined;
    }
}

/** A call a module's own code makes when it is loaded, not from inside a function. */
function atTopLevel(call: ts.CallExpression): boolean {
    return ts.isExpressionStatement(call.parent) && ts.isSourceFile(call.parent.parent);
}

/**
 * Does `when` run after the registration, a statement of its block (a file's top level, or a
 * function's body such as an async entry point's), before it, or is that unknown (another module,
 * another function)? Statements of one block run in order; an engine-applied transform also reaches
 * resources created earlier whose registrations are still waiting, so "before" does not hold for it.
 */
function runOrder(call: ts.CallExpression, when: ts.Node, appliedBy: "sdk" | "engine"): "after" | "before" | undefined {
    const statement = call.parent;
    const block = statement.parent;
    if (!ts.isExpressionStatement(statement) || !(ts.isSourceFile(block) || ts.isBlock(block)) || when.pos < block.pos || when.end > block.end || when.getSourceFile() !== call.getSourceFile()) {
        return undefined;
    }
    const top = block.statements.find((s) => s.pos <= when.pos && when.end <= s.end);
    // A function declaration is hoisted: it may be called before the registration, or after. (A
    // class cannot be used before its declaration, like a const.)
    if (!top || ts.isFunctionDeclaration(top)) {
        return undefined;
    }
    if (top.pos >= statement.end) {
        return "after"; // a function written later can only be called later
    }
    // A function written earlier may still be called after the registration.
    let inFunction = false;
    for (let n: ts.Node | undefined = when.parent; n && n !== top; n = n.parent) {
        inFunction ||= ts.isFunctionLike(n);
    }
    return top.end <= statement.pos && !inFunction && appliedBy === "sdk" ? "before" : undefined;
}
