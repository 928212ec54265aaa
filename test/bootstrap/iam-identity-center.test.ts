import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganization, ManagementRole, managementRoleName, PULUMI_ROLES } from "@guardrails/organization";
import type { ProgramRun } from "../../linter/src/preview/program-run";
import { IDENTITY_CENTER_PERMISSION_SETS, mapVariant, withIdentityCenterAndAuditor } from "../programs/org-maps";
import { runStack } from "../programs/stack-runs";
import { ALLOW_ALL, decide, MGMT, roleArnIn, trustOf } from "./iam-helpers";

/**
 * Trust kind identity-center, evaluated: the management roles trust the management account's
 * Identity Center permission-set roles (`aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<set>_<suffix>`,
 * AWS IAM Identity Center user guide, "Referencing permission sets in resource policies"), matched
 * with aws:PrincipalArn; the permission set carries the exported inline policy.
 */
const file = mapVariant(withIdentityCenterAndAuditor);
const org = loadOrganization(file);
let run: ProgramRun;

beforeAll(async () => {
    run = await runStack("bootstrap/management", "management", { orgMap: file });
    expect(run.errors).toEqual([]);
});

const SUFFIX = "0123456789abcdef";
/** The role Identity Center made for `set`: with a region segment, or without one (instances in us-east-1). */
const ssoRole = (set: string, account = MGMT, region: string | undefined = "ap-southeast-2", suffix = SUFFIX) =>
    `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/${region ? `${region}/` : ""}AWSReservedSSO_${set}_${suffix}`;
const setOf = (m: ManagementRole) => IDENTITY_CENTER_PERMISSION_SETS[m as keyof typeof IDENTITY_CENTER_PERMISSION_SETS];
const inlinePolicy = (set: string) => ({ name: `${set}-inline`, policy: JSON.parse((run.outputs.permissionSetPolicies as Record<string, string>)[set]) });

/** `principalRole` (an IAM role ARN, path included) assumes management role `m`. */
function assume(m: ManagementRole, principalRole: string, identity: { name: string; policy: unknown }[]) {
    const account = /^arn:aws:iam::(\d{12}):/.exec(principalRole)![1];
    const name = principalRole.split("/").pop()!;
    return decide({
        principal: `arn:aws:sts::${account}:assumed-role/${name}/alice@acme.example`,
        action: "sts:AssumeRole",
        resource: roleArnIn(MGMT, managementRoleName(org, m)),
        resourceAccount: MGMT,
        identity,
        resourcePolicy: trustOf(run, managementRoleName(org, m)),
        context: { "aws:PrincipalArn": principalRole, "aws:PrincipalAccount": account },
    });
}

const matrix = PULUMI_ROLES.flatMap((m) => PULUMI_ROLES.map((from) => ({ m, from, set: setOf(from), allowed: from === m })));

describe("Identity Center permission set -> management role, evaluated", () => {
    it.each(matrix)("permission set $set -> $m: allowed=$allowed", async ({ m, set, allowed }) => {
        // Even with sts:AssumeRole on everything, another set's role is not trusted.
        const identity = allowed ? [inlinePolicy(set)] : [{ name: "assume-anything", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] } }];
        expect(await assume(m, ssoRole(set), identity)).toBe(allowed ? "Allowed" : "ImplicitlyDenied");
    });

    it.each(PULUMI_ROLES)("%s: also from an instance in us-east-1 (no region segment in the role's path)", async (m) => {
        expect(await assume(m, ssoRole(setOf(m), MGMT, undefined), [inlinePolicy(setOf(m))])).toBe("Allowed");
    });

    it("whatever the random suffix, which changes when the set's assignments are recreated", async () => {
        expect(await assume("admin", ssoRole("AdministratorAccess", MGMT, "ap-southeast-2", "fedcba9876543210"), [inlinePolicy("AdministratorAccess")])).toBe("Allowed");
    });

    it("not a set whose name only begins with the named one (AdministratorAccess_ReadOnly)", async () => {
        expect(await assume("admin", ssoRole("AdministratorAccess_ReadOnly"), [{ name: "all", policy: ALLOW_ALL }])).toBe("ImplicitlyDenied");
    });

    it("not the named set without its inline policy: the trust names the account, so the caller's own policy must allow the step", async () => {
        expect(await assume("admin", ssoRole("AdministratorAccess"), [])).toBe("ImplicitlyDenied");
    });

    it("not a role of the same name outside Identity Center's reserved path", async () => {
        expect(await assume("admin", roleArnIn(MGMT, `AWSReservedSSO_AdministratorAccess_${SUFFIX}`), [{ name: "all", policy: ALLOW_ALL }])).toBe("ImplicitlyDenied");
    });

    it("not the same permission set's role in a sub-account", async () => {
        expect(await assume("admin", ssoRole("AdministratorAccess", "222222222222"), [{ name: "all", policy: ALLOW_ALL }])).toBe("ImplicitlyDenied");
    });

    it("not an IAM user of the management account with sts:AssumeRole on everything", async () => {
        const outcome = await decide({
            principal: `arn:aws:iam::${MGMT}:user/mallory`,
            action: "sts:AssumeRole",
            resource: roleArnIn(MGMT, "Management-Admin"),
            resourceAccount: MGMT,
            identity: [{ name: "all", policy: ALLOW_ALL }],
            resourcePolicy: trustOf(run, "Management-Admin"),
            context: { "aws:PrincipalArn": `arn:aws:iam::${MGMT}:user/mallory`, "aws:PrincipalAccount": MGMT, "aws:MultiFactorAuthPresent": "true" },
        });
        expect(outcome).toBe("ImplicitlyDenied");
    });
});
