import { defineRule, detail } from "./rule";

export const requireComponentProvider = defineRule({
    id: "require-component-provider",
    defaultSeverity: "error",
    docs: {
        description: "Components whose AWS children rely on `parent: this` must be instantiated with `provider` or `providers`.",
        help:
            "Children created with `{ parent: this }` inherit the component's providers. Instantiate the component with " +
            "`{ providers: [awsProvider] }` (or `{ providers: { aws: awsProvider } }`, or `{ provider }`), otherwise every child " +
            "falls back to the default provider, i.e. the management account.",
    },
    messages: {
        missingProviders:
            "new {{name}}(...) is given no provider, but its AWS resources rely on `parent: this`{{detail}}; pass { providers: [provider] } or { provider }.",
    },
    check(context) {
        for (const creation of context.creations) {
            if (creation.kind !== "component" || !creation.componentClass || !context.reach.reliesOnParent(creation.componentClass)) {
                continue;
            }
            const verdict = context.reach.verdict(creation);
            if (verdict.ok) {
                continue;
            }
            if (verdict.kind === "unverifiable") {
                context.reportUnverifiable(creation.node, `new ${creation.display}(...)`, verdict.why, verdict.node, ["provider", "providers"]);
            } else {
                context.report(creation.node, "missingProviders", { name: creation.display, detail: detail(verdict.kind === "missing" ? verdict.detail : undefined) });
            }
        }
    },
});
