import type { Severity } from "./model";

/**
 * A rule's metadata and messages by id, next to its logic, in the typescript-eslint manner. Every
 * finding any command reports comes from one of these, so its text lives in exactly one place.
 */
export interface RuleDocs {
    description: string;
    /** What to do about a finding: shown in SARIF help and the README. */
    help: string;
}

export interface RuleMeta<M extends string = string> {
    id: string;
    defaultSeverity: Severity;
    docs: RuleDocs;
    messages: Record<M, string>;
    /** Rules that report when analysis cannot run at all cannot be turned off. */
    alwaysOn?: boolean;
}

export function defineRule<M extends string>(rule: RuleMeta<M>): RuleMeta<M> {
    return rule;
}

/** `{{name}}` placeholders, as in ESLint messages. */
export function formatMessage(template: string, data: Record<string, string> = {}): string {
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => data[key] ?? `{{${key}}}`);
}

/** The text of one of a rule's messages. */
export function messageOf<M extends string>(rule: RuleMeta<M>, messageId: M, data?: Record<string, string>): string {
    return formatMessage(rule.messages[messageId], data);
}

/** ` (detail)` or nothing. */
export function detail(text: string | undefined): string {
    return text ? ` (${text})` : "";
}
