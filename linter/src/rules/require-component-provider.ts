import { failures, reportUnknown } from "./provider-failures";
import { callText, creationText, defineRule, detail } from "./rule";

export const requireComponentProvider = defineRule({
    id: "require-component-provider",
    defaultSeverity: "error",
    docs: {
        description: "Components whose AWS resources take their provider from the component must be given one.",
        help:
            "Children created with `{ parent: this }` inherit the component's providers, and SDK components (awsx, " +
            "`bucket.onObjectCreated(...)`, `aws.cloudwatch.onSchedule(...)`) pass theirs to what they create. Instantiate " +
            "the component with `{ providers: [awsProvider] }` (or `{ providers: { aws: awsProvider } }`, or `{ provider }`), " +
            "otherwise every child falls back to the default provider, i.e. the management account.",
    },
    messages: {
        missingProviders:
            "new {{name}}(...) is given no {{pkg}} provider, but {{inner}} ({{where}}) takes its provider from it{{detail}}; pass { providers: [provider] } or { provider }.",
        sdkComponent: "{{name}} is given no {{pkg}} provider, so the {{pkg}} resources it creates would run with the management account's credentials{{detail}}; pass { provider }.",
        viaCall: "{{call}} gives no {{pkg}} provider to {{inner}} ({{where}}), so the {{pkg}} resources it creates would run with the management account's credentials{{detail}}; pass { provider } here.",
        providersOnChild:
            "{{inner}} is given the `providers` of new {{name}}(...) ({{where}}), which only components accept: the SDK refuses them on a custom resource at run time; give it `{ parent: this }` rather than the component's options.",
    },
    check(context) {
        for (const f of failures(context, context.creations)) {
            const inner = creationText(f.creation);
            const o = f.outcome;
            const why = detail(o.kind === "missing" || o.kind === "wrong-package" ? o.detail : undefined);
            const pkg = f.creation.needs.join(", ");
            if (f.route.kind === "component") {
                if (o.kind === "providers-on-custom") {
                    context.report(f.creation.node, "providersOnChild", { inner, name: f.route.cls.name?.text ?? "(component)", where: context.where(f.route.call) }, [{ node: f.route.call, message: "the component is given `providers` here" }]);
                } else if (!reportUnknown(context, f, inner, ["provider", "providers"])) {
                    const related = [{ node: f.creation.node, message: `${inner} takes its provider from the component here` }];
                    // The message already says the component was given none; a detail adds only other causes.
                    const own = o.kind === "missing" && o.detail?.startsWith("`parent: this` inherits nothing");
                    context.report(f.route.call, "missingProviders", { name: f.route.cls.name?.text ?? "(component)", pkg, inner, where: context.where(f.creation.node), detail: own ? "" : why }, related);
                }
                continue;
            }
            if (f.creation.kind !== "component" && f.creation.kind !== "mixin") {
                continue;
            }
            if (reportUnknown(context, f, inner, ["provider", "providers"])) {
                continue;
            }
            if (f.route.kind === "direct" || f.route.kind === "subclass") {
                context.report(f.route.kind === "direct" ? f.creation.node : f.route.call, "sdkComponent", { name: inner, pkg, detail: why });
            } else {
                context.report(f.route.call, "viaCall", { call: callText(f.route.call), pkg, inner, where: context.where(f.creation.node), detail: why }, [{ node: f.creation.node, message: `${inner} is created here` }]);
            }
        }
    },
});
