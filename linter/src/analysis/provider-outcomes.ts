import { ts } from "@ts-morph/common";
import { baseExpression } from "./call-sites";
import { superCall } from "./class-members";
import type { Ctx } from "./context";
import type { Creation } from "./creations";
import { Evaluator, locationOf, short } from "./evaluator";
import type { StackTransforms } from "./stack-transforms";
import { ABSENT, isNothing, unknown, UNDEFINED, Value } from "./values";

/**
 * Does a creation end up on a provider of its package? The Node SDK's rules (resource.js,
 * runtime/invoke.js), on values rather than keys:
 * - a custom resource uses `opts.provider` when set (of its own package, or the engine refuses it),
 *   else the provider its parent carries for its package; `providers` on it is a run-time error;
 * - an invoke uses `opts.provider`, else `opts.parent.getProvider(token)` (no `providers`);
 * - a resource's providers map, which its children inherit, is its parent's, then `providers`,
 *   then `provider` filed under the provider's own package. A provider resource passes on only what
 *   it was itself given, so `{ parent: someProvider }` gives a child nothing.
 */
export type Outcome =
    | { ok: true }
    | { ok: false; kind: "missing"; detail?: string }
    | { ok: false; kind: "wrong-package"; detail: string }
    | { ok: false; kind: "providers-on-custom" }
    | { ok: false; kind: "unknown"; why: string; node: ts.Node };

const OK: Outcome = { ok: true };

/** The most telling of several outcomes: a certain miss beats an unknown, which beats success. */
export function worst(outcomes: Outcome[]): Outcome {
    const rank = (o: Outcome) => (o.ok ? 0 : o.kind === "unknown" ? 1 : 2);
    return outcomes.reduce((a, b) => (rank(b) > rank(a) ? b : a), OK);
}

/** Marks a miss whose cause is a component constructor that drops its options (reported there instead). */
export const DROPPED_OPTIONS = "the component does not pass its options to super(...)";

type Registration = { call: ts.CallExpression; optionsIndex: number } | "drops" | undefined;

export class ProviderOutcomes {
    private readonly registrations = new Map<ts.ClassLikeDeclaration, Registration | null>();
    private readonly instanceEntries = new Map<string, Map<ts.ClassLikeDeclaration, Value[]>>();

    constructor(
        private readonly ev: Evaluator,
        private readonly transforms?: StackTransforms,
    ) {}

    options(creation: Creation, ctx: Ctx): Value[] {
        if (creation.options === "hidden") {
            return [unknown("a spread argument hides its options", creation.node)];
        }
        return creation.options ? this.ev.evaluate(creation.options, ctx) : [UNDEFINED];
    }

    /** Throws NeedsContext when a parameter's call is not bound. */
    outcome(creation: Creation, ctx: Ctx): Outcome {
        const opts = this.options(creation, ctx);
        const outcomes: Outcome[] = [];
        for (const pkg of creation.needs) {
            const forPkg = worst(opts.map((o) => this.forOptions(creation, o, pkg, ctx)));
            outcomes.push(forPkg.ok || forPkg.kind !== "missing" ? forPkg : this.transformed(forPkg, creation, pkg, ctx));
        }
        return worst(outcomes);
    }

    /** A missing provider that a stack transformation registered before the creation gives it (or may). */
    private transformed(missing: Outcome, creation: Creation, pkg: string, ctx: Ctx): Outcome {
        const coverage = this.transforms?.coverage(creation, pkg, ctx.outermostCall() ?? creation.node);
        if (coverage?.by === "all") {
            return OK;
        }
        return coverage ? { ok: false, kind: "unknown", why: `the stack transformation at ${coverage.at} may give it one`, node: creation.node } : missing;
    }

    private forOptions(creation: Creation, o: Value, pkg: string, ctx: Ctx): Outcome {
        if (o.t === "unknown") {
            return { ok: false, kind: "unknown", why: o.why, node: o.node };
        }
        if (o.t !== "object") {
            // No options (or not an object): a mixin's component still hangs under its receiver.
            if (creation.kind === "mixin" && creation.receiver) {
                return judgeProviders(this.mapEntry(this.ev.evaluate(creation.receiver, ctx), pkg, ctx), pkg);
            }
            return { ok: false, kind: "missing" };
        }
        const provider = this.ev.property([o], "provider", creation.node, ctx);
        if (creation.kind === "resource" || creation.kind === "lookup") {
            const providers = this.ev.property([o], "providers", creation.node, ctx);
            if (providers.some((p) => p.t === "unknown")) {
                return { ok: false, kind: "unknown", why: (providers.find((p) => p.t === "unknown") as { why: string }).why, node: creation.node };
            }
            if (providers.some((p) => !isNothing(p))) {
                return { ok: false, kind: "providers-on-custom" };
            }
        }
        const parentOf = () => {
            const parent = this.ev.property([o], "parent", creation.node, ctx);
            // A mixin parents its component to the receiver unless the options name a parent.
            if (creation.kind === "mixin" && creation.receiver && parent.every(isNothing)) {
                return this.ev.evaluate(creation.receiver, ctx);
            }
            return parent;
        };
        if (creation.kind === "resource" || creation.kind === "lookup" || creation.kind === "invoke") {
            const chosen = provider.flatMap((p): Value[] => {
                if (!isNothing(p)) {
                    return [p];
                }
                const inherited = this.mapEntry(parentOf(), pkg, ctx);
                // `provider: undefined` written out: say so, unless the parent chain explains more.
                return p.t === "absent" ? inherited : inherited.map((v) => (v.t === "absent" && !v.why ? { t: "absent", why: "its provider is undefined on some path" } : v));
            });
            return judgeProviders(chosen, pkg);
        }
        // Components: their children need the package's entry of the providers map.
        return judgeProviders(this.mapFromOptions([o], pkg, ctx, parentOf), pkg);
    }

    /** What a parent passes on for `pkg`. */
    mapEntry(parents: Value[], pkg: string, ctx: Ctx): Value[] {
        return parents.flatMap((p): Value[] => {
            switch (p.t) {
                case "absent":
                case "undefined":
                case "null":
                    return [ABSENT];
                case "unknown":
                    return [p];
                case "provider": {
                    // A provider passes on only providers it was itself given in its options, never
                    // itself; one whose creation is out of view was, in any real program, given none.
                    const why = () => `its parent ${short(p.node)} is a provider resource, which passes no provider to its children; pass it as \`provider\``;
                    if (!p.creation || !p.ctx) {
                        return [{ t: "absent", why: why() }];
                    }
                    return this.mapFromOptions(this.options(p.creation, p.ctx), pkg, p.ctx).map((v) => (isNothing(v) ? { t: "absent", why: why() } : v));
                }
                case "resource":
                    return this.mapFromOptions(this.options(p.creation, p.ctx), pkg, p.ctx).map((v) =>
                        isNothing(v) ? { t: "absent", why: `its parent, ${p.creation.kind === "resource" && !p.creation.subclass ? `new ${p.creation.display}(...)` : p.creation.display} at ${locationOf(p.creation.node)}, has no provider either` } : v,
                    );
                case "instance":
                    return this.instanceEntry(p.cls, pkg, p.ctx);
                case "function":
                case "object":
                case "array":
                case "map":
                case "container":
                case "other":
                case "promise":
                    // The SDK refuses such a parent ("Resource parent is not a valid Resource").
                    return [{ t: "absent", why: "its parent is not a resource" }];
            }
        });
    }

    /** The providers map entry for `pkg` that options create: provider, then providers, then the parent's. */
    private mapFromOptions(opts: Value[], pkg: string, ctx: Ctx, parentOf?: () => Value[]): Value[] {
        return opts.flatMap((o): Value[] => {
            if (o.t === "unknown") {
                return [o];
            }
            if (o.t !== "object") {
                return parentOf ? this.mapEntry(parentOf(), pkg, ctx) : [ABSENT];
            }
            const at = o.node;
            const provider = this.ev.property([o], "provider", at, ctx);
            return provider.flatMap((p): Value[] => {
                if (p.t === "provider" && p.pkg === pkg) {
                    return [p];
                }
                if (p.t === "unknown" || (p.t === "provider" && p.pkg === undefined)) {
                    return [p.t === "unknown" ? p : unknown("a provider whose package cannot be told", p.node)];
                }
                const providers = this.ev.property([o], "providers", at, ctx);
                return providers.flatMap((list): Value[] => {
                    const fromList = this.fromProvidersOption(list, pkg, ctx);
                    if (fromList) {
                        return fromList;
                    }
                    const parent = parentOf ? parentOf() : this.ev.property([o], "parent", at, ctx);
                    return this.mapEntry(parent, pkg, ctx);
                });
            });
        });
    }

    /** `providers: [a, b]` or `providers: { aws: a }`: the entry for `pkg`, or undefined to fall back to the parent. */
    private fromProvidersOption(list: Value, pkg: string, ctx: Ctx): Value[] | undefined {
        if (list.t === "unknown") {
            return [list];
        }
        if (list.t === "array") {
            const items = list.items.flatMap((item) => ("spread" in item ? item.spread().flatMap((s) => (s.t === "array" ? s.items.flatMap((i) => ("value" in i ? i.value() : i.spread())) : [s])) : item.value()));
            const unclear = items.find((i) => i.t === "unknown" || (i.t === "provider" && i.pkg === undefined));
            if (unclear) {
                return [unclear.t === "unknown" ? unclear : unknown("a provider whose package cannot be told", list.node)];
            }
            const match = items.filter((i) => i.t === "provider" && i.pkg === pkg);
            return match.length > 0 ? match : undefined;
        }
        if (list.t === "object") {
            const entry = this.ev.property([list], pkg, list.node, ctx);
            return entry.every(isNothing) ? undefined : entry;
        }
        return undefined;
    }

    /**
     * `this` (or an instance) of a project class: the providers of the resource its constructor
     * chain registers through `super(...)` into Pulumi's ComponentResource or an SDK class.
     */
    private instanceEntry(cls: ts.ClassLikeDeclaration, pkg: string, ctx: Ctx): Value[] {
        // Every child of a component asks this of the same instance (`parent: this`, or a sibling
        // parented to this): answered once per class, package and context.
        const key = `${pkg}\0${ctx.key}`;
        let byClass = this.instanceEntries.get(key);
        if (!byClass) {
            byClass = new Map();
            this.instanceEntries.set(key, byClass);
        }
        let entry = byClass.get(cls);
        if (!entry) {
            entry = this.computeInstanceEntry(cls, pkg, ctx);
            byClass.set(cls, entry);
        }
        return entry;
    }

    private computeInstanceEntry(cls: ts.ClassLikeDeclaration, pkg: string, ctx: Ctx): Value[] {
        const registration = this.registration(cls);
        if (!registration) {
            return [{ t: "absent", why: `its parent is an instance of ${cls.name?.text ?? "a class"}, which is not a resource` }];
        }
        if (registration === "drops") {
            return [{ t: "absent", why: DROPPED_OPTIONS }];
        }
        const arg = registration.call.arguments[registration.optionsIndex];
        const opts = arg === undefined ? [UNDEFINED] : ts.isSpreadElement(arg) ? [unknown("a spread argument hides its options", arg)] : this.ev.evaluate(arg, ctx);
        return this.mapFromOptions(opts, pkg, ctx).map((v) => (isNothing(v) ? { t: "absent", why: `\`parent: this\` inherits nothing: ${cls.name?.text ?? "the component"} was given no ${pkg} provider` } : v));
    }

    /** The `super(...)` call that registers a project class's resource, and where its options go (found once per class). */
    registration(cls: ts.ClassLikeDeclaration): Registration {
        let found = this.registrations.get(cls);
        if (found === undefined) {
            found = this.findRegistration(cls) ?? null;
            this.registrations.set(cls, found);
        }
        return found ?? undefined;
    }

    private findRegistration(cls: ts.ClassLikeDeclaration): Registration {
        for (let c: ts.ClassLikeDeclaration | undefined = cls, i = 0; c && i < 12; i++) {
            const ctor = c.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
            const baseExpr = baseExpression(c);
            const base = baseExpr ? this.ev.resolver.resolve(baseExpr) : undefined;
            if (base?.kind === "core" || base?.kind === "package") {
                const optionsIndex = base.kind === "core" ? coreOptionsIndex(base.path) : this.sdkOptionsIndex(base);
                if (optionsIndex === undefined) {
                    return undefined;
                }
                if (!ctor) {
                    return undefined;
                }
                const call = superCall(ctor);
                return call ? { call, optionsIndex } : "drops";
            }
            if (base?.kind !== "class") {
                return undefined;
            }
            c = base.decl;
        }
        return undefined;
    }

    private sdkOptionsIndex(base: Extract<ReturnType<Evaluator["resolver"]["resolve"]>, { kind: "package" }>): number | undefined {
        const info = this.ev.classifier.info(base);
        return info?.kind === "class" && info.resource && info.resource !== "provider" ? info.ctorOptions : undefined;
    }
}

/** `new pulumi.ComponentResource(type, name, args?, opts?)` and CustomResource alike: options fourth. */
function coreOptionsIndex(path: string[]): number | undefined {
    const name = path[path.length - 1];
    return name === "ComponentResource" || name === "CustomResource" ? 3 : undefined;
}

/** Every alternative must be a provider of `pkg`. */
function judgeProviders(values: Value[], pkg: string): Outcome {
    return worst(
        values.map((v): Outcome => {
            if (v.t === "provider") {
                if (v.pkg === pkg) {
                    return OK;
                }
                return v.pkg === undefined
                    ? { ok: false, kind: "unknown", why: "a provider whose package cannot be told", node: v.node }
                    : { ok: false, kind: "wrong-package", detail: `it is given a provider of ${v.pkg}, which cannot act for ${pkg}` };
            }
            if (v.t === "unknown") {
                return { ok: false, kind: "unknown", why: v.why, node: v.node };
            }
            if (v.t === "absent") {
                return { ok: false, kind: "missing", detail: v.why };
            }
            if (v.t === "undefined" || v.t === "null") {
                return { ok: false, kind: "missing", detail: "its provider is undefined on some path" };
            }
            return { ok: false, kind: "missing", detail: "what it is given as provider is not a provider resource" };
        }),
    );
}
