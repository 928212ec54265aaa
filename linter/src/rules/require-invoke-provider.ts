import { defineRule, detail } from "./rule";

export const requireInvokeProvider = defineRule({
    id: "require-invoke-provider",
    defaultSeverity: "error",
    docs: {
        description: "AWS data-source calls (invokes) must be given an explicit provider.",
        help:
            "Invokes such as aws.getCallerIdentity() or aws.ec2.getVpc() never reach the policy pack, so this check is the only " +
            "guard for them. Pass `{ provider }` as the invoke options (second argument), or `{ parent }` of a resource that has one. " +
            "Tokens listed in allowDefaultProviderInvokes are exempt.",
    },
    messages: {
        missingProvider: "{{name}}(...) has no explicit provider and would query the management account{{detail}}; pass { provider } as its second argument.",
    },
    check(context) {
        for (const creation of context.creations) {
            if (creation.kind !== "invoke" || (creation.token && context.allowDefaultProviderInvokes.has(creation.token))) {
                continue;
            }
            const verdict = context.reach.verdict(creation);
            if (verdict.ok) {
                continue;
            }
            if (verdict.kind === "unverifiable") {
                context.reportUnverifiable(creation.node, `${creation.display}(...)`, verdict.why, verdict.node, ["provider"]);
            } else {
                context.report(creation.node, "missingProvider", { name: creation.display, detail: detail(verdict.kind === "missing" ? verdict.detail : undefined) });
            }
        }
    },
});
