import { defineRule } from "./rule";

const ROLE_KEYS = ["assumeRoles", "assumeRole", "assumeRoleWithWebIdentity"] as const;

export const requireProviderAssumeRole = defineRule({
    id: "require-provider-assume-role",
    defaultSeverity: "error",
    docs: {
        description: "An aws.Provider must assume a role (assumeRoles, assumeRole or assumeRoleWithWebIdentity).",
        help:
            "A provider that assumes no role runs with the ambient credentials, which are the management account's. Add " +
            '`assumeRoles: [{ roleArn: "arn:aws:iam::<sub-account>:role/Admin" }]` and pin `allowedAccountIds` to that account.',
    },
    messages: {
        noAssumeRole: "new {{name}}(...) assumes no role, so it would act with the management account's credentials; add assumeRoles: [{ roleArn: ... }].",
    },
    check(context) {
        for (const creation of context.creations) {
            if (creation.kind !== "provider") {
                continue;
            }
            const facts = context.facts.evaluate(creation.args, ROLE_KEYS);
            const states = ROLE_KEYS.map((k) => facts[k]);
            if (states.some((s) => s.state === "set")) {
                continue;
            }
            const unclear = states.find((s) => s.state === "unverifiable");
            if (unclear && unclear.state === "unverifiable") {
                context.reportUnverifiable(creation.node, `the arguments of new ${creation.display}(...)`, unclear.why, unclear.node, ROLE_KEYS);
            } else {
                context.report(creation.node, "noAssumeRole", { name: creation.display });
            }
        }
    },
});
