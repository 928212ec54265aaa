import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganization, ManagementRole, managementRoleName, mayAssume, PULUMI_ROLES, roleArn, SUB_ACCOUNT_ROLES, SubAccountRole } from "@guardrails/organization";
import type { ProgramRun } from "../../linter/src/preview/program-run";
import { jsonInput, resourceNamed, runStack } from "../programs/stack-runs";
import { BUCKET_ARN, bucketPolicyOf, decide, Doc, inlinePoliciesOf, KEY_ARN, keyPolicyOf, STATE_OBJECT, withRealArns } from "./iam-helpers";

/**
 * The policies the bootstrap programs generate, evaluated by a real IAM policy engine
 * (@cloud-copilot/iam-simulate): the mapping must hold as a matrix, not as strings.
 */
const org = loadOrganization();
const MGMT = org.management.accountId;
/** The management roles of the bundled map (the auditor has its own file, iam-auditor.test.ts). */
const MANAGEMENT_ROLES = PULUMI_ROLES;

let management: ProgramRun;
const subAccountTrust = new Map<string, Doc>();

const roleName = (m: ManagementRole) => managementRoleName(org, m);
const sessionOf = (m: ManagementRole) => `arn:aws:sts::${MGMT}:assumed-role/${roleName(m)}/pulumi`;
const mgmtRoleArn = (m: ManagementRole) => roleArn(MGMT, roleName(m));
const identityPolicies = (m: ManagementRole) => inlinePoliciesOf(management, roleName(m));

beforeAll(async () => {
    management = await runStack("bootstrap/management", "management");
    expect(management.errors).toEqual([]);
    for (const account of org.subAccounts) {
        const run = await runStack("bootstrap/subaccount", account.name);
        expect(run.errors).toEqual([]);
        for (const role of SUB_ACCOUNT_ROLES) {
            subAccountTrust.set(`${account.name}/${role}`, jsonInput(resourceNamed(run, "aws:iam/role:Role", org.roles.subAccount[role]), "assumeRolePolicy"));
        }
    }
}, 120_000);

const matrix = MANAGEMENT_ROLES.flatMap((m) =>
    org.subAccounts.flatMap((account) => SUB_ACCOUNT_ROLES.map((role) => ({ m, account: account.name, env: account.environment, role, allowed: mayAssume(m, account, role) }))),
);

describe("management role -> sub-account role, evaluated", () => {
    it.each(matrix)("$m -> $account ($env) $role: allowed=$allowed", async ({ m, account, role, allowed }) => {
        const target = org.subAccounts.find((a) => a.name === account)!;
        for (const mfa of ["true", "false"]) {
            const outcome = await decide({
                principal: sessionOf(m),
                action: "sts:AssumeRole",
                resource: roleArn(target.accountId, org.roles.subAccount[role as SubAccountRole]),
                resourceAccount: target.accountId,
                identity: identityPolicies(m),
                resourcePolicy: subAccountTrust.get(`${account}/${role}`),
                context: { "aws:PrincipalArn": mgmtRoleArn(m), "aws:PrincipalAccount": MGMT, "aws:MultiFactorAuthPresent": mfa },
            });
            expect(outcome, `MFA ${mfa}`).toBe(allowed ? "Allowed" : "ImplicitlyDenied");
        }
    });

    it("denies a management-account role outside the mapping, even with sts:AssumeRole on everything", async () => {
        const target = org.subAccounts[0];
        const outcome = await decide({
            principal: `arn:aws:sts::${MGMT}:assumed-role/Ops/someone`,
            action: "sts:AssumeRole",
            resource: roleArn(target.accountId, "Admin"),
            resourceAccount: target.accountId,
            identity: [{ name: "everything", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] } }],
            resourcePolicy: subAccountTrust.get(`${target.name}/admin`),
            context: { "aws:PrincipalArn": roleArn(MGMT, "Ops"), "aws:PrincipalAccount": MGMT, "aws:MultiFactorAuthPresent": "true" },
        });
        expect(outcome).toBe("ImplicitlyDenied");
    });

    it("denies a role of another sub-account", async () => {
        const [from, to] = org.subAccounts;
        const outcome = await decide({
            principal: `arn:aws:sts::${from.accountId}:assumed-role/Admin/x`,
            action: "sts:AssumeRole",
            resource: roleArn(to.accountId, "Admin"),
            resourceAccount: to.accountId,
            identity: [{ name: "everything", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }],
            resourcePolicy: subAccountTrust.get(`${to.name}/admin`),
            context: { "aws:PrincipalArn": roleArn(from.accountId, "Admin"), "aws:PrincipalAccount": from.accountId, "aws:MultiFactorAuthPresent": "true" },
        });
        expect(outcome).toBe("ImplicitlyDenied");
    });
});

describe("person -> management role (first hop), evaluated", () => {
    const groupPolicy = (m: ManagementRole) => ({
        name: `Assume${roleName(m)}`,
        policy: withRealArns(jsonInput(resourceNamed(management, "aws:iam/policy:Policy", `assume-${roleName(m)}`), "policy")),
    });
    const trust = (m: ManagementRole) => jsonInput(resourceNamed(management, "aws:iam/role:Role", roleName(m)), "assumeRolePolicy");

    it.each(MANAGEMENT_ROLES.flatMap((m) => [{ m, mfa: "true", expected: "Allowed" }, { m, mfa: "false", expected: "ImplicitlyDenied" }]))(
        "a member of $m's group with MFA=$mfa: $expected",
        async ({ m, mfa, expected }) => {
            const outcome = await decide({
                principal: `arn:aws:iam::${MGMT}:user/alice`,
                action: "sts:AssumeRole",
                resource: mgmtRoleArn(m as ManagementRole),
                resourceAccount: MGMT,
                identity: [groupPolicy(m as ManagementRole)],
                resourcePolicy: trust(m as ManagementRole),
                context: { "aws:PrincipalArn": `arn:aws:iam::${MGMT}:user/alice`, "aws:PrincipalAccount": MGMT, "aws:MultiFactorAuthPresent": mfa },
            });
            expect(outcome).toBe(expected);
        },
    );

    it("a user in no configured group cannot assume Management-Admin", async () => {
        const outcome = await decide({
            principal: `arn:aws:iam::${MGMT}:user/mallory`,
            action: "sts:AssumeRole",
            resource: mgmtRoleArn("admin"),
            resourceAccount: MGMT,
            identity: [],
            resourcePolicy: trust("admin"),
            context: { "aws:PrincipalArn": `arn:aws:iam::${MGMT}:user/mallory`, "aws:PrincipalAccount": MGMT, "aws:MultiFactorAuthPresent": "true" },
        });
        expect(outcome).toBe("ImplicitlyDenied");
    });

    it("a sub-account principal cannot assume a management role", async () => {
        const sub = org.subAccounts[0];
        const outcome = await decide({
            principal: `arn:aws:sts::${sub.accountId}:assumed-role/Admin/x`,
            action: "sts:AssumeRole",
            resource: mgmtRoleArn("admin"),
            resourceAccount: MGMT,
            identity: [{ name: "everything", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }],
            resourcePolicy: trust("admin"),
            context: { "aws:PrincipalArn": roleArn(sub.accountId, "Admin"), "aws:PrincipalAccount": sub.accountId, "aws:MultiFactorAuthPresent": "true" },
        });
        expect(outcome).toBe("ImplicitlyDenied");
    });
});

describe("Pulumi state bucket and secrets key, evaluated", () => {
    const keyPolicy = () => keyPolicyOf(management);
    const bucketPolicy = () => bucketPolicyOf(management);
    const asRole = (m: ManagementRole, action: string, resource: string, resourcePolicy: Doc, tls = "true") =>
        decide({
            principal: sessionOf(m),
            action,
            resource,
            resourceAccount: MGMT,
            identity: identityPolicies(m),
            resourcePolicy,
            context: { "aws:PrincipalArn": mgmtRoleArn(m), "aws:PrincipalAccount": MGMT, "aws:SecureTransport": tls, "aws:MultiFactorAuthPresent": "false" },
        });

    it.each(MANAGEMENT_ROLES.flatMap((m) => ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"].map((action) => ({ m, action }))))("$m may $action state objects over TLS", async ({ m, action }) => {
        expect(await asRole(m as ManagementRole, action, STATE_OBJECT, bucketPolicy())).toBe("Allowed");
    });

    it.each(MANAGEMENT_ROLES)("%s may list the bucket", async (m) => {
        expect(await asRole(m, "s3:ListBucket", BUCKET_ARN, bucketPolicy())).toBe("Allowed");
    });

    it.each(MANAGEMENT_ROLES.flatMap((m) => ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"].map((action) => ({ m, action }))))("$m may $action with the secrets key", async ({ m, action }) => {
        expect(await asRole(m as ManagementRole, action, KEY_ARN, keyPolicy())).toBe("Allowed");
    });

    it("nobody reads state without TLS", async () => {
        expect(await asRole("admin", "s3:GetObject", STATE_OBJECT, bucketPolicy(), "false")).toBe("ExplicitlyDenied");
    });

    it.each([
        { action: "s3:DeleteBucketPolicy", resource: BUCKET_ARN, policy: "bucket" },
        { action: "s3:PutBucketPolicy", resource: BUCKET_ARN, policy: "bucket" },
        { action: "s3:DeleteBucket", resource: BUCKET_ARN, policy: "bucket" },
        { action: "s3:PutBucketVersioning", resource: BUCKET_ARN, policy: "bucket" },
        { action: "kms:ScheduleKeyDeletion", resource: KEY_ARN, policy: "key" },
        { action: "kms:PutKeyPolicy", resource: KEY_ARN, policy: "key" },
        { action: "kms:DisableKey", resource: KEY_ARN, policy: "key" },
    ])("Management-Admin cannot $action", async ({ action, resource, policy }) => {
        expect(await asRole("admin", action, resource, policy === "bucket" ? bucketPolicy() : keyPolicy())).not.toBe("Allowed");
    });

    it("a management-account role outside the Pulumi roles cannot use the key, even with kms:* in its own policy", async () => {
        const outcome = await decide({
            principal: `arn:aws:sts::${MGMT}:assumed-role/Ops/x`,
            action: "kms:Decrypt",
            resource: KEY_ARN,
            resourceAccount: MGMT,
            identity: [{ name: "kms-everything", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] } }],
            resourcePolicy: keyPolicy(),
            context: { "aws:PrincipalArn": roleArn(MGMT, "Ops"), "aws:PrincipalAccount": MGMT, "aws:SecureTransport": "true" },
        });
        expect(outcome).not.toBe("Allowed");
    });

    it("break-glass users (AdministratorAccess) administer the key; the key policy delegates to nobody else", async () => {
        const administratorAccess = { name: "AdministratorAccess", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } };
        const asUser = (user: string) =>
            decide({
                principal: `arn:aws:iam::${MGMT}:user/${user}`,
                action: "kms:ScheduleKeyDeletion",
                resource: KEY_ARN,
                resourceAccount: MGMT,
                identity: [administratorAccess],
                resourcePolicy: keyPolicy(),
                context: { "aws:PrincipalArn": `arn:aws:iam::${MGMT}:user/${user}`, "aws:PrincipalAccount": MGMT },
            });
        expect(await asUser("break-glass-1")).toBe("Allowed");
        expect(await asUser("some-other-admin")).not.toBe("Allowed");
    });
});
