import { failures, reportUnknown } from "./provider-failures";
import { callText, creationText, defineRule, detail } from "./rule";

export const requireInvokeProvider = defineRule({
    id: "require-invoke-provider",
    defaultSeverity: "error",
    docs: {
        description: "AWS data-source calls (invokes) must be given an explicit provider of their package.",
        help:
            "Invokes such as aws.getCallerIdentity() or aws.ec2.getVpc() never reach the policy pack, so this check is the only " +
            "guard for them. Pass `{ provider }` in the invoke options, or `{ parent }` of a resource that has one. " +
            "Tokens listed in allowDefaultProviderInvokes are exempt.",
    },
    messages: {
        missingProvider: "{{name}}(...) has no explicit provider and would query the management account{{detail}}; pass { provider } in its options.",
        wrongPackage: "{{subject}} would not query through its provider{{detail}}; pass a provider of {{pkg}}.",
        viaCall: "{{call}} gives no provider to {{inner}} ({{where}}), which would query the management account{{detail}}; pass { provider } here.",
    },
    check(context) {
        const invokes = context.creations.filter((c) => c.kind === "invoke" && !(c.token && context.allowDefaultProviderInvokes.has(c.token)));
        for (const f of failures(context, invokes)) {
            if (f.route.kind === "component") {
                continue;
            }
            const inner = creationText(f.creation);
            if (reportUnknown(context, f, inner, ["provider"])) {
                continue;
            }
            const o = f.outcome;
            const why = detail(o.kind === "missing" || o.kind === "wrong-package" ? o.detail : undefined);
            if (f.route.kind === "direct") {
                if (o.kind === "wrong-package") {
                    context.report(f.creation.node, "wrongPackage", { subject: inner, detail: why, pkg: f.creation.pkg });
                } else {
                    context.report(f.creation.node, "missingProvider", { name: f.creation.display, detail: why });
                }
                continue;
            }
            const related = [{ node: f.creation.node, message: `${inner} is called here` }];
            const data = { call: callText(f.route.call), inner, where: context.where(f.creation.node), detail: why, subject: callText(f.route.call), pkg: f.creation.pkg };
            context.report(f.route.call, o.kind === "wrong-package" ? "wrongPackage" : "viaCall", data, related);
        }
    },
});
