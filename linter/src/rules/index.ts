import { defineRule, RuleMeta } from "../report/rule-meta";
import { componentForwardsOptions } from "./component-forwards-options";
import { requireComponentProvider } from "./require-component-provider";
import { requireInvokeProvider } from "./require-invoke-provider";
import { requireProviderAssumeRole } from "./require-provider-assume-role";
import { requireResourceProvider } from "./require-resource-provider";
import type { RuleModule } from "./rule";

/** Reported by the rules above when they cannot see through an options expression. */
export const unverifiableOptions = defineRule({
    id: "unverifiable-options",
    defaultSeverity: "warning",
    docs: {
        description: "Options the linter cannot see through (a function parameter, a call result) are reported, never assumed fine.",
        help:
            "Build the options as an object literal or a const in view, pass them from call sites in the project, or run " +
            "`guardrail lint --typed` so the type checker can prove that `provider` is required by the options' type.",
    },
    messages: {
        cannotVerify: "{{rule}}: cannot verify that {{claim}}: {{why}}.",
    },
});

export const parseError = defineRule({
    id: "parse-error",
    defaultSeverity: "error",
    alwaysOn: true,
    docs: { description: "The file has syntax errors, so it could not be checked.", help: "Fix the syntax error; the file is not checked until it parses." },
    messages: {
        syntaxError: "syntax error: {{text}}{{more}}; the file was not checked",
    },
});

export const invalidSuppression = defineRule({
    id: "invalid-suppression",
    defaultSeverity: "warning",
    docs: {
        description: "A guardrail-ignore comment without a reason, or naming an unknown rule, suppresses nothing.",
        help: "Write `// guardrail-ignore-next-line <rule-id> -- <why this is safe>`.",
    },
    messages: {
        invalid: "this guardrail-ignore comment {{why}}, so it suppresses nothing.",
    },
});

export const unusedSuppression = defineRule({
    id: "unused-suppression",
    defaultSeverity: "warning",
    docs: { description: "A guardrail-ignore comment that suppresses nothing.", help: "Remove the comment: the code it excused is gone or fixed." },
    messages: {
        unused: "this guardrail-ignore comment ({{rules}}) suppresses nothing; remove it.",
    },
});

/** Reported by `guardrail preview`/`check` from what a program actually did under mocks. */
export const invokeDefaultProvider = defineRule({
    id: "invoke-default-provider",
    defaultSeverity: "error",
    docs: {
        description: "An invoke ran on the default provider when the program was previewed.",
        help: "Pass { provider } (or { parent } of a resource with one) to the invoke; invokes never reach the policy pack.",
    },
    messages: {
        ranOnDefault: "invoke {{token}} ran on the default provider, i.e. with the management account's credentials; invokes never reach the policy pack.",
    },
});

export const defaultProviderDisabled = defineRule({
    id: "default-provider-disabled",
    defaultSeverity: "error",
    docs: {
        description: "The stack sets pulumi:disable-default-providers, and a resource or invoke would still need a default provider.",
        help: "Give the resource or invoke an explicit provider; the engine stops the deployment otherwise.",
    },
    messages: {
        refused: "Default provider for '{{pkg}}' disabled. '{{type}}' {{name}} must use an explicit provider (the engine would stop here).",
    },
});

/** A policy of the pack reported a violation (the finding's rule id is the policy's name). */
export const policyViolation = defineRule({
    id: "policy-violation",
    defaultSeverity: "error",
    docs: {
        description: "A policy of the CrossGuard pack reported a violation for a resource or the stack.",
        help: "Follow the policy's remediation steps; mandatory violations stop `pulumi preview --policy-pack`.",
    },
    messages: {
        violation: "[{{level}}] {{pack}}{{subject}}: {{message}}",
    },
});

/** Reported by `guardrail audit` for a stack whose state it could not read: that stack was not audited. */
export const unreadableStack = defineRule({
    id: "unreadable-stack",
    defaultSeverity: "error",
    // A stack that could not be read was not checked at all; it must never pass quietly.
    alwaysOn: true,
    docs: {
        description: "A stack's checkpoint or export could not be read (not JSON, truncated, an unknown version, a broken provider reference), so its resources were not audited.",
        help: "Look at the file or object named in the message: restore it from the backend's history or backups, or re-export the stack with `pulumi stack export`.",
    },
    messages: {
        unreadable: "stack {{stack}} could not be read: {{reason}}; none of its resources were audited.",
    },
});

/** The rules that inspect code. */
export const CHECK_RULES: readonly RuleModule[] = [requireResourceProvider, requireInvokeProvider, requireComponentProvider, requireProviderAssumeRole, componentForwardsOptions];

/** Every rule id the linter or preview can report under its own id, with metadata (SARIF, config validation, docs). */
export const ALL_RULES: readonly RuleMeta[] = [
    ...CHECK_RULES,
    unverifiableOptions,
    parseError,
    invalidSuppression,
    unusedSuppression,
    invokeDefaultProvider,
    defaultProviderDisabled,
    unreadableStack,
];

export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(ALL_RULES.map((r) => [r.id, r]));
