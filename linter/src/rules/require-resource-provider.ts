import { failures, reportUnknown } from "./provider-failures";
import { callText, creationText, defineRule, detail } from "./rule";

const ORDINAL = ["first", "second", "third", "fourth", "fifth"];

export const requireResourceProvider = defineRule({
    id: "require-resource-provider",
    defaultSeverity: "error",
    docs: {
        description: "AWS resources and `.get()` lookups must be given an explicit provider of their package.",
        help:
            "Without `provider`, Pulumi uses its default provider, i.e. the ambient management-account credentials. " +
            "Pass `{ provider }` (an aws.Provider that assumes a role in the target sub-account) in the resource options, " +
            "or create the resource with `parent: this` inside a component that is given `providers`. When the resource " +
            "is created by a helper, pass the provider at the call the finding points at.",
    },
    messages: {
        missingProvider: "new {{name}}(...) has no explicit provider and would run with the management account's credentials{{detail}}; pass { provider } in its options.",
        missingLookupProvider: "{{name}}(...) has no explicit provider and would read with the management account's credentials{{detail}}; pass { provider } as its {{position}} argument.",
        providersOnCustom: "new {{name}}(...) sets `providers`, which only components accept (a custom resource fails at run time); use `provider`.",
        wrongPackage: "{{subject}} would not run on its provider{{detail}}; pass a provider of {{pkg}}.",
        viaCall: "{{call}} gives no provider to {{inner}} ({{where}}), which would run with the management account's credentials{{detail}}; pass { provider } here.",
    },
    check(context) {
        const resources = context.creations.filter((c) => c.kind === "resource" || c.kind === "lookup");
        for (const f of failures(context, resources)) {
            if (f.route.kind === "component") {
                continue; // require-component-provider: the component was given no provider
            }
            const inner = creationText(f.creation);
            if (reportUnknown(context, f, inner, ["provider"])) {
                continue;
            }
            const o = f.outcome;
            const at = f.route.kind === "direct" ? f.creation.node : f.route.call;
            const related = f.route.kind === "direct" ? [] : [{ node: f.creation.node, message: `${inner} is created here` }];
            const why = detail(o.kind === "missing" || o.kind === "wrong-package" ? o.detail : undefined);
            if (o.kind === "providers-on-custom") {
                context.report(f.creation.node, "providersOnCustom", { name: f.creation.display });
            } else if (o.kind === "wrong-package") {
                context.report(at, "wrongPackage", { subject: f.route.kind === "direct" ? inner : callText(f.route.call), detail: why, pkg: f.creation.pkg }, related);
            } else if (f.route.kind === "call") {
                context.report(at, "viaCall", { call: callText(f.route.call), inner, where: context.where(f.creation.node), detail: why }, related);
            } else if (f.creation.kind === "lookup") {
                context.report(at, "missingLookupProvider", { name: f.creation.display, detail: why, position: ORDINAL[f.creation.optionsIndex] ?? `#${f.creation.optionsIndex + 1}` });
            } else {
                const name = f.route.kind === "subclass" ? `${f.route.cls.name?.text ?? "(class)"}` : f.creation.display;
                const sub = f.route.kind === "subclass" ? `, a ${f.creation.cls?.pkg ?? f.creation.pkg} resource class` : "";
                const missing = o.kind === "missing" ? o.detail : undefined;
                context.report(at, "missingProvider", { name, detail: detail([missing, sub.slice(2)].filter(Boolean).join("; ") || undefined) }, related);
            }
        }
    },
});
