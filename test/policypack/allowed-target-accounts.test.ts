import { describe, it } from "vitest";
import { UNKNOWN } from "../../linter/src/engine/encoding";
import { resource } from "../harness/resources";
import { DEV, expectPolicyViolations, PackCase, packConfig, packPolicyCases, PROD, roleIn, usePackSession, v7Provider } from "./fixtures";

const POLICY = "allowed-target-accounts";
const devOnly = usePackSession({ policyConfig: packConfig({ allowedAccountIds: [DEV] }) });
const unrestricted = usePackSession();
const deny = (message: RegExp) => [{ level: "mandatory" as const, message }];
const queueOn = (provider: ReturnType<typeof v7Provider>) => resource("aws:sqs/queue:Queue", "q", { provider });

const valid: PackCase[] = [
    { name: "role in an allowed account", resource: queueOn(v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }] })), violations: [] },
    { name: "no role, pinned to an allowed account", resource: queueOn(v7Provider("pinned", { allowedAccountIds: [DEV] })), violations: [] },
    { name: "unknown role is left to verifiable-provider-target", resource: queueOn(v7Provider("later", { assumeRoles: UNKNOWN })), violations: [] },
];

const invalid: PackCase[] = [
    {
        name: "role in an account outside the list",
        resource: queueOn(v7Provider("prod", { assumeRoles: [{ roleArn: roleIn(PROD) }] })),
        violations: deny(/acts in account 333333333333, which is not among the allowed accounts \(222222222222\)/),
    },
    {
        name: "chain ending outside the list",
        resource: queueOn(v7Provider("chain", { assumeRoles: [{ roleArn: roleIn(DEV) }, { roleArn: roleIn(PROD) }] })),
        violations: deny(/333333333333/),
    },
    {
        name: "no role and no pin: any account",
        resource: queueOn(v7Provider("ambient", {})),
        violations: deny(/assumes no role and pins no account/),
    },
    {
        name: "pinned to an account outside the list",
        resource: queueOn(v7Provider("pinned-prod", { allowedAccountIds: [PROD] })),
        violations: deny(/acts in account 333333333333/),
    },
    {
        name: "malformed role ARN",
        resource: queueOn(v7Provider("bad", { assumeRoles: [{ roleArn: "arn:aws:iam::abc:role/Admin" }] })),
        violations: deny(/cannot be trusted.*arn:aws:iam::abc:role\/Admin/),
    },
];

describe(POLICY, () => {
    packPolicyCases(POLICY, devOnly, { valid, invalid });
    it("checks nothing when allowedAccountIds is not configured", async () => {
        const prod = queueOn(v7Provider("prod", { assumeRoles: [{ roleArn: roleIn(PROD) }] }));
        expectPolicyViolations(await unrestricted().analyze(prod), POLICY, []);
    });
});
