import { requireComponentProvider } from "./require-component-provider";
import { requireInvokeProvider } from "./require-invoke-provider";
import { requireProviderAssumeRole } from "./require-provider-assume-role";
import { requireResourceProvider } from "./require-resource-provider";
import { defineRule, RuleModule } from "./rule";

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
    messages: {},
});

export const parseError = defineRule({
    id: "parse-error",
    defaultSeverity: "error",
    docs: { description: "The file has syntax errors, so it could not be checked.", help: "Fix the syntax error; the file is not checked until it parses." },
    messages: {},
});

export const invalidSuppression = defineRule({
    id: "invalid-suppression",
    defaultSeverity: "warning",
    docs: {
        description: "A guardrail-ignore comment without a reason, or naming an unknown rule, suppresses nothing.",
        help: "Write `// guardrail-ignore-next-line <rule-id> -- <why this is safe>`.",
    },
    messages: {},
});

export const unusedSuppression = defineRule({
    id: "unused-suppression",
    defaultSeverity: "warning",
    docs: { description: "A guardrail-ignore comment that suppresses nothing.", help: "Remove the comment: the code it excused is gone or fixed." },
    messages: {},
});

/** Reported by `guardrail preview`/`check` from what a program actually did under mocks. */
export const invokeDefaultProvider = defineRule({
    id: "invoke-default-provider",
    defaultSeverity: "error",
    docs: {
        description: "An invoke ran on the default provider when the program was previewed.",
        help: "Pass { provider } (or { parent } of a resource with one) to the invoke; invokes never reach the policy pack.",
    },
    messages: {},
});

export const defaultProviderDisabled = defineRule({
    id: "default-provider-disabled",
    defaultSeverity: "error",
    docs: {
        description: "The stack sets pulumi:disable-default-providers, and a resource or invoke would still need a default provider.",
        help: "Give the resource or invoke an explicit provider; the engine stops the deployment otherwise.",
    },
    messages: {},
});

/** The rules that inspect code. */
export const CHECK_RULES: readonly RuleModule[] = [requireResourceProvider, requireInvokeProvider, requireComponentProvider, requireProviderAssumeRole];

/** Every rule id the linter can report, with metadata (for SARIF, config validation and docs). */
export const ALL_RULES: readonly RuleModule[] = [
    ...CHECK_RULES,
    unverifiableOptions,
    parseError,
    invalidSuppression,
    unusedSuppression,
    invokeDefaultProvider,
    defaultProviderDisabled,
];

export const RULES_BY_ID: ReadonlyMap<string, RuleModule> = new Map(ALL_RULES.map((r) => [r.id, r]));
