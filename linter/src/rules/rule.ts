import { ts } from "@ts-morph/common";
import type { Creation } from "../analysis/aws-targets";
import type { ObjectFactsEvaluator } from "../analysis/object-facts";
import type { ProviderReach } from "../analysis/provider-reach";

export type Severity = "error" | "warning";

export interface RuleDocs {
    description: string;
    /** What to do about a finding: shown in SARIF help and the README. */
    help: string;
}

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

/** One rule: its metadata next to its logic, in the typescript-eslint manner. */
export interface RuleModule<M extends string = string> {
    id: string;
    defaultSeverity: Severity;
    docs: RuleDocs;
    messages: Record<M, string>;
    check?(context: RuleContext<M>): void;
}

export function defineRule<M extends string>(rule: RuleModule<M>): RuleModule<M> {
    return rule;
}

/** `{{name}}` placeholders, as in ESLint messages. */
export function formatMessage(template: string, data: Record<string, string> = {}): string {
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => data[key] ?? `{{${key}}}`);
}

/** ` (detail)` or nothing. */
export function detail(text: string | undefined): string {
    return text ? ` (${text})` : "";
}
