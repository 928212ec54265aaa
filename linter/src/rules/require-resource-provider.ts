import { defineRule, detail } from "./rule";

export const requireResourceProvider = defineRule({
    id: "require-resource-provider",
    defaultSeverity: "error",
    docs: {
        description: "AWS resources and `.get()` lookups must be given an explicit provider.",
        help:
            "Without `provider`, Pulumi uses its default provider, i.e. the ambient management-account credentials. " +
            "Pass `{ provider }` (an aws.Provider that assumes a role in the target sub-account) in the resource options, " +
            "or create the resource with `parent: this` inside a component that is given `providers`.",
    },
    messages: {
        missingProvider: "new {{name}}(...) has no explicit provider and would run with the management account's credentials{{detail}}; pass { provider } in its options.",
        missingLookupProvider: "{{name}}(...) has no explicit provider and would read with the management account's credentials{{detail}}; pass { provider } as its fourth argument.",
        providersOnCustom: "new {{name}}(...) sets `providers`, which only components accept (a custom resource fails at run time); use `provider`.",
    },
    check(context) {
        for (const creation of context.creations) {
            if (creation.kind !== "resource" && creation.kind !== "lookup") {
                continue;
            }
            const verdict = context.reach.verdict(creation);
            if (verdict.ok) {
                continue;
            }
            const name = creation.display;
            if (verdict.kind === "unverifiable") {
                context.reportUnverifiable(creation.node, creation.kind === "lookup" ? `${name}(...)` : `new ${name}(...)`, verdict.why, verdict.node, ["provider"]);
            } else if (verdict.kind === "providers-on-custom") {
                context.report(creation.node, "providersOnCustom", { name });
            } else {
                context.report(creation.node, creation.kind === "lookup" ? "missingLookupProvider" : "missingProvider", { name, detail: detail(verdict.detail) });
            }
        }
    },
});
