import { callText, defineRule, detail, routeOf } from "./rule";

export const requireProviderAssumeRole = defineRule({
    id: "require-provider-assume-role",
    defaultSeverity: "error",
    docs: {
        description: "An AWS provider must assume a role: aws reads assumeRoles, assumeRole or assumeRoleWithWebIdentity; aws-native only assumeRole.",
        help:
            "A provider that assumes no role runs with the ambient credentials, which are the management account's. Add " +
            '`assumeRoles: [{ roleArn: "arn:aws:iam::<sub-account>:role/Admin" }]` (aws-native: `assumeRole: { roleArn }`) and pin ' +
            "`allowedAccountIds` to that account.",
    },
    messages: {
        noAssumeRole: "new {{name}}(...) assumes no role, so it would act with the management account's credentials{{detail}}; add {{fix}}.",
        viaCall: "{{call}} makes new {{name}}(...) ({{where}}) assume no role, so it would act with the management account's credentials{{detail}}; add {{fix}}.",
    },
    check(context) {
        for (const creation of context.creations) {
            if (creation.kind !== "provider") {
                continue;
            }
            const fix = creation.pkg === "aws-native" ? "assumeRole: { roleArn: ... }" : "assumeRoles: [{ roleArn: ... }]";
            for (const judged of context.judge.assumesRole(creation)) {
                const o = judged.outcome;
                if (o.ok) {
                    continue;
                }
                const route = routeOf(context, creation, judged);
                const at = route.kind === "direct" ? creation.node : route.call;
                if (o.kind === "unknown") {
                    const claim = route.kind === "direct" ? `new ${creation.display}(...) assumes a role` : `new ${creation.display}(...) (${context.where(creation.node)}), through this call, assumes a role`;
                    context.reportUnverifiable(at, claim, o.why, o.node, ["assumeRoles", "assumeRole", "assumeRoleWithWebIdentity"]);
                    continue;
                }
                const why = detail(o.kind === "missing" ? o.detail : undefined);
                if (route.kind === "direct") {
                    context.report(at, "noAssumeRole", { name: creation.display, detail: why, fix });
                } else {
                    context.report(at, "viaCall", { call: callText(route.call), name: creation.display, where: context.where(creation.node), detail: why, fix }, [{ node: creation.node, message: "the provider is created here" }]);
                }
            }
        }
    },
});
