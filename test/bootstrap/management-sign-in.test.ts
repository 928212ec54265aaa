import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganization, managementRoleArn } from "@guardrails/organization";
import type { ProgramRun } from "../../linter/src/preview/program-run";
import { assumeManagementRolePolicy, managementTrustPolicy, permissionSetRolePatterns, stateReadPolicy } from "../../bootstrap/management/policies";
import { AUDIT_SUBJECT, GITHUB_OIDC, IDENTITY_CENTER_PERMISSION_SETS, mapVariant, withIdentityCenterAndAuditor } from "../programs/org-maps";
import { expectAllOnProvider, jsonInput, resourceNamed, resourcesOfType, runStack } from "../programs/stack-runs";

/** Sign-in from the map's `signIn`: Identity Center permission sets, OIDC for CI, SAML, and the optional auditor. */
const DIR = "bootstrap/management";
const MGMT = "111111111111";
const identityCenterMap = mapVariant(withIdentityCenterAndAuditor);
const org = loadOrganization(identityCenterMap);
let run: ProgramRun;

beforeAll(async () => {
    run = await runStack(DIR, "management", { orgMap: identityCenterMap });
    expect(run.errors).toEqual([]);
});

describe("trust kind identity-center", () => {
    it.each(Object.entries(IDENTITY_CENTER_PERMISSION_SETS))("%s: trusts the account, narrowed to permission set %s's roles by aws:PrincipalArn", (role, set) => {
        const trust = jsonInput(resourceNamed(run, "aws:iam/role:Role", `Management-${role[0].toUpperCase()}${role.slice(1)}`), "assumeRolePolicy");
        const base = `arn:aws:iam::${MGMT}:role/aws-reserved/sso.amazonaws.com`;
        expect(trust).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "IdentityCenterPermissionSets",
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${MGMT}:root` },
                    Action: "sts:AssumeRole",
                    Condition: { ArnLike: { "aws:PrincipalArn": [`${base}/AWSReservedSSO_${set}_????????????????`, `${base}/*/AWSReservedSSO_${set}_????????????????`] } },
                },
            ],
        });
    });

    it("grants no IAM group or user anything", () => {
        expect(resourcesOfType(run, "aws:iam/policy:Policy")).toEqual([]);
        expect(resourcesOfType(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment")).toEqual([]);
    });

    it("exports the inline policy each permission set needs to take the step", () => {
        expect(run.outputs.permissionSetPolicies).toEqual(
            Object.fromEntries(Object.entries(IDENTITY_CENTER_PERMISSION_SETS).map(([role, set]) => [set, JSON.stringify(assumeManagementRolePolicy(managementRoleArn(org, role as "admin"), false))])),
        );
    });

    it("several permission sets into one role, one set into two roles", async () => {
        const file = mapVariant((m) => (m.signIn = { kind: "identity-center", permissionSets: { admin: ["Admins", "Platform"], billing: "Platform", developer: "Developer" } }));
        const both = await runStack(DIR, "management", { orgMap: file });
        expect(both.errors).toEqual([]);
        const patterns = (name: string) => (jsonInput(resourceNamed(both, "aws:iam/role:Role", name), "assumeRolePolicy") as { Statement: { Condition: { ArnLike: Record<string, string[]> } }[] }).Statement[0].Condition.ArnLike["aws:PrincipalArn"];
        expect(patterns("Management-Admin")).toEqual([...permissionSetRolePatterns(MGMT, "Admins"), ...permissionSetRolePatterns(MGMT, "Platform")]);
        expect(JSON.parse((both.outputs.permissionSetPolicies as Record<string, string>).Platform).Statement[0].Resource).toEqual([
            `arn:aws:iam::${MGMT}:role/Management-Admin`,
            `arn:aws:iam::${MGMT}:role/Management-Billing`,
        ]);
    });
});

describe("the optional Management-Auditor", () => {
    it("is reached through GitHub's OIDC provider by the one named subject", () => {
        const trust = jsonInput(resourceNamed(run, "aws:iam/role:Role", "Management-Auditor"), "assumeRolePolicy");
        expect(trust).toEqual(managementTrustPolicy(org, { kind: "oidc", providerArn: GITHUB_OIDC, audience: "sts.amazonaws.com", subjects: [AUDIT_SUBJECT] }));
        expect(trust).toMatchObject({ Statement: [{ Condition: { StringLike: { "token.actions.githubusercontent.com:sub": [AUDIT_SUBJECT] } } }] });
    });

    it("gets only the state-read policy: no mapping, no read/write state access, no billing", () => {
        const policies = run.resources.filter((r) => r.type.startsWith("aws:iam/rolePolicy") && r.name.startsWith("Management-Auditor"));
        expect(policies.map((r) => r.name)).toEqual(["Management-Auditor-state-read"]);
        expect(jsonInput(policies[0], "policy")).toEqual(stateReadPolicy("arn:aws:mock:::bucket/pulumi-state", "arn:aws:mock:::key/pulumi-secrets", "ap-southeast-2"));
        // Key order is not part of a stack output: the engine passes outputs as a protobuf Struct.
        expect(Object.keys(run.outputs.managementRoleArns as object).sort()).toEqual(["admin", "auditor", "billing", "developer"]);
    });

    it("the key lets it decrypt through S3 only, and keeps encryption for the Pulumi roles", () => {
        const key = jsonInput(resourceNamed(run, "aws:kms/key:Key", "pulumi-secrets"), "policy") as { Statement: { Sid: string; Action: string | string[]; Condition: Record<string, Record<string, unknown>> }[] };
        const bySid = Object.fromEntries(key.Statement.map((s) => [s.Sid, s]));
        expect(bySid.KeyUseByPulumiRoles.Condition.ArnEquals["aws:PrincipalArn"]).not.toContain(`arn:aws:iam::${MGMT}:role/Management-Auditor`);
        expect(bySid.KeyDecryptThroughS3ByStateReaders).toMatchObject({
            Action: "kms:Decrypt",
            Condition: { ArnEquals: { "aws:PrincipalArn": [`arn:aws:iam::${MGMT}:role/Management-Auditor`] }, StringEquals: { "kms:ViaService": "s3.ap-southeast-2.amazonaws.com" } },
        });
    });

    it("is off by default: the bundled map names no auditor, so nothing of it exists", async () => {
        const bundled = await runStack(DIR, "management");
        expect(bundled.errors).toEqual([]);
        expect(bundled.resources.filter((r) => r.name.includes("Auditor") || r.name.includes("state-read"))).toEqual([]);
        const key = jsonInput(resourceNamed(bundled, "aws:kms/key:Key", "pulumi-secrets"), "policy") as { Statement: { Sid: string }[] };
        expect(key.Statement.map((s) => s.Sid)).toEqual(["KeyAdministration", "KeyUseByPulumiRoles"]);
    });
});

describe("trust kinds saml and account, mixed per role", () => {
    it("SAML for everyone but Management-Billing, which IAM user alice reaches without MFA", async () => {
        const saml = `arn:aws:iam::${MGMT}:saml-provider/idp`;
        const file = mapVariant((m) => (m.signIn = { kind: "saml", providerArn: saml, roles: { billing: { kind: "account", users: ["alice"], requireMfa: false } } }));
        const mixed = await runStack(DIR, "management", { orgMap: file });
        expect(mixed.errors).toEqual([]);
        expectAllOnProvider(mixed, "management");
        const mixedOrg = loadOrganization(file);
        expect(jsonInput(resourceNamed(mixed, "aws:iam/role:Role", "Management-Admin"), "assumeRolePolicy")).toEqual(managementTrustPolicy(mixedOrg, { kind: "saml", providerArn: saml }));
        expect(jsonInput(resourceNamed(mixed, "aws:iam/role:Role", "Management-Billing"), "assumeRolePolicy")).toMatchObject({ Statement: [{ Sid: "PeopleOfTheManagementAccount" }] });
        expect(jsonInput(resourceNamed(mixed, "aws:iam/role:Role", "Management-Billing"), "assumeRolePolicy")).not.toHaveProperty("Statement.0.Condition");
        expect(resourcesOfType(mixed, "aws:iam/userPolicyAttachment:UserPolicyAttachment").map((r) => [r.name, r.inputs.user])).toEqual([
            ["break-glass-1-admin", "break-glass-1"],
            ["break-glass-2-admin", "break-glass-2"],
            ["assume-Management-Billing-alice", "alice"],
        ]);
        expect(resourcesOfType(mixed, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment")).toEqual([]);
    });
});
