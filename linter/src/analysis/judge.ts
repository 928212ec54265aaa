import { ts } from "@ts-morph/common";
import type { CallSiteFinder } from "./call-sites";
import { Ctx, NeedsContext } from "./context";
import type { Creation } from "./creations";
import type { Evaluator } from "./evaluator";
import { Outcome, ProviderOutcomes, worst } from "./provider-outcomes";
import type { StackTransforms } from "./stack-transforms";
import { isNothing, Value } from "./values";

/**
 * Judges a creation once per path its options can take: when they arrive through a parameter, once
 * per call site of that function (and of its callers, as far as they travel). Each verdict carries
 * its context, whose outermost call is where a missing provider must be passed.
 */
export interface Judged {
    outcome: Outcome;
    ctx: Ctx;
}

/** Call paths tried per creation before giving up (unknown, never a pass). */
const PATH_BUDGET = 20_000;
const MAX_CALL_DEPTH = 10;

export class Judge {
    readonly outcomes: ProviderOutcomes;
    private readonly providerCache = new Map<Creation, Judged[]>();
    private readonly roleCache = new Map<Creation, Judged[]>();

    constructor(
        private readonly ev: Evaluator,
        private readonly callSites: CallSiteFinder,
        transforms?: StackTransforms,
    ) {
        this.outcomes = new ProviderOutcomes(ev, transforms);
    }

    /** Does the creation get a provider of the package(s) it needs, on each path? */
    provider(creation: Creation): Judged[] {
        let judged = this.providerCache.get(creation);
        if (!judged) {
            judged = this.paths(creation.node, (ctx) => this.outcomes.outcome(creation, ctx));
            this.providerCache.set(creation, judged);
        }
        return judged;
    }

    /** Does a provider's args assume a role, on each path? */
    assumesRole(creation: Creation): Judged[] {
        let judged = this.roleCache.get(creation);
        if (!judged) {
            judged = this.paths(creation.node, (ctx) => this.roleOutcome(creation, ctx));
            this.roleCache.set(creation, judged);
        }
        return judged;
    }

    /** Evaluates `outcome` in every context its parameters need, trying each call site. */
    paths(at: ts.Node, outcome: (ctx: Ctx) => Outcome): Judged[] {
        const results: Judged[] = [];
        let budget = PATH_BUDGET;
        const run = (ctx: Ctx): void => {
            if (budget-- <= 0) {
                results.push({ outcome: { ok: false, kind: "unknown", why: "its options travel through too many call paths to follow", node: at }, ctx });
                return;
            }
            try {
                results.push({ outcome: outcome(ctx), ctx });
            } catch (e) {
                if (isStackOverflow(e)) {
                    // Options built through thousands of steps (generated code): this creation cannot be told, the rest of the run can.
                    results.push({ outcome: { ok: false, kind: "unknown", why: "its options are built through too many steps to follow", node: at }, ctx });
                    return;
                }
                if (!(e instanceof NeedsContext)) {
                    throw e;
                }
                if (ctx.size >= MAX_CALL_DEPTH) {
                    results.push({ outcome: { ok: false, kind: "unknown", why: "its options pass through too many calls to follow", node: at }, ctx });
                    return;
                }
                const sites = this.callSites.of(e.fn);
                if (sites.kind === "unlisted") {
                    run(ctx.with(e.fn, { unlisted: sites.why }));
                } else {
                    for (const call of sites.calls) {
                        // A callback's call runs inside the one call it was handed to: that call is bound too, and is the outer one.
                        const via = sites.vias?.get(call);
                        run(via ? ctx.with(e.fn, call).with(via.fn, via.call) : ctx.with(e.fn, call));
                    }
                }
            }
        };
        run(Ctx.EMPTY);
        return results;
    }

    /**
     * aws reads `assumeRoles` (a non-empty list; v7), `assumeRole` (v5/v6) or
     * `assumeRoleWithWebIdentity`; aws-native reads a single `assumeRole` and nothing else (its
     * `roleArn` is the role Cloud Control uses, not one it signs in as).
     */
    private roleOutcome(creation: Creation, ctx: Ctx): Outcome {
        const args: Value[] = creation.args ? this.ev.evaluate(creation.args, ctx) : [{ t: "undefined" }];
        const keys = creation.pkg === "aws-native" ? ["assumeRole"] : ["assumeRoles", "assumeRole", "assumeRoleWithWebIdentity"];
        const outcomes: Outcome[] = args.map((a): Outcome => {
            if (a.t === "unknown") {
                return { ok: false, kind: "unknown", why: a.why, node: a.node };
            }
            if (a.t !== "object") {
                return { ok: false, kind: "missing" };
            }
            let verdict: Outcome = { ok: false, kind: "missing" };
            for (const key of keys) {
                const values = this.ev.property([a], key, creation.node, ctx);
                const judged = values.map((v) => roleValue(key, v, creation.node));
                const bad = judged.find((j) => !j.ok);
                if (!bad) {
                    return { ok: true };
                }
                // A role set on some paths only is still no role on the others.
                if (bad.ok === false && bad.kind === "unknown") {
                    verdict = bad;
                } else if (bad.ok === false && bad.detail && values.some((v) => !isNothing(v))) {
                    verdict = bad;
                }
            }
            if (verdict.ok === false && verdict.kind === "missing" && !verdict.detail && creation.pkg === "aws-native") {
                const named = ["assumeRoles", "roleArn"].filter((k) => this.ev.property([a], k, creation.node, ctx).some((v) => !isNothing(v)));
                if (named.length > 0) {
                    return { ok: false, kind: "missing", detail: `aws-native ignores ${named.map((k) => `\`${k}\``).join(" and ")} as a role to sign in with; only \`assumeRole\` assumes one` };
                }
            }
            return verdict;
        });
        return worst(outcomes);
    }
}

function roleValue(key: string, v: Value, at: ts.Node): Outcome & { detail?: string } {
    if (v.t === "unknown") {
        return { ok: false, kind: "unknown", why: v.why, node: v.node };
    }
    if (key === "assumeRoles") {
        if (v.t === "array") {
            const items = v.items.flatMap((i) => ("value" in i ? [i.value()] : [i.spread()]));
            if (v.items.some((i) => "value" in i)) {
                return { ok: true };
            }
            const spread = items.flat();
            if (spread.some((s) => s.t === "unknown")) {
                return { ok: false, kind: "unknown", why: "its assumeRoles are spread from something the linter cannot follow", node: v.node };
            }
            if (spread.some((s) => s.t === "array" && s.items.length > 0)) {
                return { ok: true };
            }
            return { ok: false, kind: "missing", detail: "`assumeRoles: []` assumes nothing" };
        }
        return isNothing(v) ? { ok: false, kind: "missing" } : { ok: false, kind: "unknown", why: "its assumeRoles is not a list in view", node: at };
    }
    if (v.t === "object") {
        return { ok: true };
    }
    return isNothing(v) ? { ok: false, kind: "missing" } : { ok: false, kind: "unknown", why: `its ${key} is not an object in view`, node: at };
}

/** V8's "Maximum call stack size exceeded". */
function isStackOverflow(e: unknown): boolean {
    return e instanceof RangeError && /call stack/i.test(e.message);
}
