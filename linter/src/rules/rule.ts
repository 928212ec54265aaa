import { ts } from "@ts-morph/common";
import type { Creation } from "../analysis/aws-targets";
import type { ObjectFactsEvaluator } from "../analysis/object-facts";
import type { ProviderReach } from "../analysis/provider-reach";
import type { RuleMeta } from "../report/rule-meta";

export { detail } from "../report/rule-meta";

export interface RuleContext<M extends string> {
    creations: readonly Creation[];
    reach: ProviderReach;
    facts: ObjectFactsEvaluator;
    allowDefaultProviderInvokes: ReadonlySet<string>;
    report(node: ts.Node, messageId: M, data?: Record<string, string>): void;
    /**
     * The options could not be seen through: an `unverifiable-options` warning at `node`, never a
     * silent pass. `evidence` is the expression or parameter that hid them, and `keys` what it should
     * set; `--typed` may still prove from its type that one of `keys` is required.
     */
    reportUnverifiable(node: ts.Node, what: string, why: string, evidence: ts.Node, keys: readonly string[]): void;
}

/** A rule that inspects code: its metadata (messages by id) next to its check. */
export interface RuleModule<M extends string = string> extends RuleMeta<M> {
    check?(context: RuleContext<M>): void;
}

export function defineRule<M extends string>(rule: RuleModule<M>): RuleModule<M> {
    return rule;
}
