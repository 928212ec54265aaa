import { describe } from "vitest";
import { resource } from "../harness/resources";
import { DEV, MGMT, PackCase, packPolicyCases, PROD, roleIn, usePackSession, v7Provider } from "./fixtures";

const POLICY = "pin-allowed-account-ids";
const session = usePackSession();
const advise = (message: RegExp) => [{ level: "advisory" as const, message }];
const topicOn = (provider: ReturnType<typeof v7Provider>) => resource("aws:sns/topic:Topic", "t", { provider });

const valid: PackCase[] = [
    { name: "pinned to exactly the role's account", resource: topicOn(v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }], allowedAccountIds: [DEV] })), violations: [] },
    { name: "management role (no-management-account-target's job)", resource: topicOn(v7Provider("m", { assumeRoles: [{ roleArn: roleIn(MGMT) }] })), violations: [] },
    { name: "no role at all", resource: topicOn(v7Provider("none", {})), violations: [] },
];

const invalid: PackCase[] = [
    {
        name: "sub-account role without allowedAccountIds",
        resource: topicOn(v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }] })),
        violations: advise(/assumes arn:aws:iam::222222222222:role\/Admin but sets no allowedAccountIds; pin it to \["222222222222"\]/),
    },
    {
        name: "pinned to another account",
        resource: topicOn(v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }], allowedAccountIds: [PROD] })),
        violations: advise(/pins allowedAccountIds to 333333333333/),
    },
    {
        name: "pinned to several accounts",
        resource: topicOn(v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }], allowedAccountIds: [DEV, PROD] })),
        violations: advise(/222222222222, 333333333333/),
    },
];

describe(POLICY, () => {
    packPolicyCases(POLICY, session, { valid, invalid });
});
