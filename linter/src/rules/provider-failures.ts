import type { Creation } from "../analysis/creations";
import type { Judged } from "../analysis/judge";
import { DROPPED_OPTIONS } from "../analysis/provider-outcomes";
import { Route, routeOf, RuleContext } from "./rule";

/** One failed verdict of a creation, with where it belongs. */
export interface Failure {
    creation: Creation;
    judged: Judged;
    outcome: Exclude<Judged["outcome"], { ok: true }>;
    route: Route;
}

/**
 * The failed verdicts of creations, once per place they belong. A miss caused by a component that
 * drops its options is left to component-forwards-options, which reports the cause.
 */
export function failures<M extends string>(context: RuleContext<M>, creations: readonly Creation[]): Failure[] {
    const out: Failure[] = [];
    for (const creation of creations) {
        for (const judged of context.judge.provider(creation)) {
            const outcome = judged.outcome;
            if (outcome.ok || (outcome.kind === "missing" && outcome.detail === DROPPED_OPTIONS)) {
                continue;
            }
            out.push({ creation, judged, outcome, route: routeOf(context, creation, judged) });
        }
    }
    return out;
}

/** Reports each unverifiable verdict (never a silent pass) at the place it belongs. */
export function reportUnknown<M extends string>(context: RuleContext<M>, f: Failure, what: string, keys: readonly string[]): boolean {
    if (f.outcome.kind !== "unknown") {
        return false;
    }
    const at = f.route.kind === "direct" ? f.creation.node : f.route.call;
    const subject = f.route.kind === "direct" ? what : `${what} (${context.where(f.creation.node)}), through this call,`;
    context.reportUnverifiable(at, `${subject} gets a provider`, f.outcome.why, f.outcome.node, keys);
    return true;
}
