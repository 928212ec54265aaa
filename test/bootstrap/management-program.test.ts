import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganization, managementRoleArn, roleArn } from "@guardrails/organization";
import type { ProgramRun } from "../../linter/src/preview/program-run";
import { roleMappingPolicy, secretsKeyPolicy, stateAccessPolicy, stateBucketPolicy } from "../../bootstrap/management/policies";
import { expectAllOnProvider, jsonInput, providerOf, resourceNamed, resourcesOfType, runStack } from "../programs/stack-runs";

const org = loadOrganization();
const DIR = "bootstrap/management";
let run: ProgramRun;

beforeAll(async () => {
    run = await runStack(DIR, "management");
    expect(run.errors).toEqual([]);
});

describe("bootstrap/management under mocks", () => {
    it("puts every AWS resource on the explicit management provider, pinned to the management account", () => {
        expectAllOnProvider(run, "management");
        const provider = resourceNamed(run, "pulumi:providers:aws", "management");
        expect(JSON.parse(provider.inputs.allowedAccountIds as string)).toEqual([org.management.accountId]);
        expect(provider.inputs.assumeRoles).toBeUndefined();
    });

    it("creates the three sign-in roles with the configured trust and session length", () => {
        for (const key of ["admin", "billing", "developer"] as const) {
            const role = resourceNamed(run, "aws:iam/role:Role", org.roles.management[key]);
            expect(role.inputs.maxSessionDuration).toBe(3600);
            expect(jsonInput(role, "assumeRolePolicy")).toEqual({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "PeopleOfTheManagementAccount",
                        Effect: "Allow",
                        Principal: { AWS: `arn:aws:iam::${org.management.accountId}:root` },
                        Action: "sts:AssumeRole",
                        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
                    },
                ],
            });
        }
    });

    it("maps management roles to exactly the intended sub-account roles", () => {
        const mapping = (key: "admin" | "billing" | "developer") =>
            (jsonInput(resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", `${org.roles.management[key]}-mapping`), "policy") as { Statement: { Resource: string[] }[] }).Statement[0].Resource;
        const all = (role: string) => org.subAccounts.map((a) => roleArn(a.accountId, role));
        expect(mapping("admin").sort()).toEqual([...all("Admin"), ...all("Billing")].sort());
        expect(mapping("billing").sort()).toEqual(all("Billing").sort());
        expect(mapping("developer").sort()).toEqual(org.subAccounts.filter((a) => a.environment === "dev").map((a) => roleArn(a.accountId, "Admin")).sort());
        expect(jsonInput(resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", "Management-Admin-mapping"), "policy")).toEqual(roleMappingPolicy(org, "admin"));
    });

    it("lets only the configured groups assume each role, with MFA", () => {
        const attachments = resourcesOfType(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment").map((r) => [r.name, r.inputs.group]);
        expect(attachments.sort()).toEqual([
            ["assume-Management-Admin-platform-admins", "platform-admins"],
            ["assume-Management-Billing-finance", "finance"],
            ["assume-Management-Developer-developers", "developers"],
        ]);
        const policy = jsonInput(resourceNamed(run, "aws:iam/policy:Policy", "assume-Management-Admin"), "policy") as { Statement: { Condition: unknown }[] };
        expect(policy.Statement[0].Condition).toEqual({ Bool: { "aws:MultiFactorAuthPresent": "true" } });
    });

    it("hardens the state bucket", () => {
        const bucket = resourceNamed(run, "aws:s3/bucket:Bucket", "pulumi-state");
        expect(bucket.inputs.bucket).toBe(org.stateBackend.bucket);
        expect(resourceNamed(run, "aws:s3/bucketVersioning:BucketVersioning", "pulumi-state").inputs.versioningConfiguration).toEqual({ status: "Enabled" });
        const sse = resourceNamed(run, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "pulumi-state").inputs.rules as Record<string, unknown>[];
        expect(sse[0]).toMatchObject({ bucketKeyEnabled: true, applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } });
        expect((sse[0].applyServerSideEncryptionByDefault as Record<string, string>).kmsMasterKeyId).toMatch(/pulumi-secrets/);
        expect(resourceNamed(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pulumi-state").inputs).toMatchObject({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(resourceNamed(run, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "pulumi-state").inputs.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
        expect(jsonInput(resourceNamed(run, "aws:s3/bucketPolicy:BucketPolicy", "pulumi-state"), "policy")).toEqual(stateBucketPolicy(`arn:aws:mock:::bucket/pulumi-state`));
        const lifecycle = resourceNamed(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "pulumi-state").inputs.rules as Record<string, unknown>[];
        expect(lifecycle.map((r) => r.id)).toEqual(["expire-old-state-versions", "abort-incomplete-uploads"]);
    });

    it("rotates the secrets key and does not hand it to the whole account", () => {
        const key = resourceNamed(run, "aws:kms/key:Key", "pulumi-secrets");
        expect(key.inputs.enableKeyRotation).toBe(true);
        const policy = jsonInput(key, "policy") as ReturnType<typeof secretsKeyPolicy>;
        expect(policy).toEqual(
            secretsKeyPolicy(
                org,
                ["break-glass-1", "break-glass-2"].map((u) => `arn:aws:iam::${org.management.accountId}:user/${u}`),
                (["admin", "billing", "developer"] as const).map((r) => managementRoleArn(org, r)),
            ),
        );
        for (const s of policy.Statement) {
            // An account-root principal without a PrincipalArn condition would let any IAM policy of the account grant the key.
            const narrowedTo = s.Condition?.ArnEquals?.["aws:PrincipalArn"];
            expect(Array.isArray(narrowedTo) ? narrowedTo.length : 0, s.Sid).toBeGreaterThan(0);
        }
        expect(resourceNamed(run, "aws:kms/alias:Alias", "pulumi-secrets").inputs.name).toBe(`alias/${org.stateBackend.secretsKeyAlias}`);
    });

    it("gives each management role exactly the state-backend access", () => {
        for (const name of ["Management-Admin", "Management-Billing", "Management-Developer"]) {
            const p = resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", `${name}-pulumi-state`);
            expect(jsonInput(p, "policy")).toEqual(stateAccessPolicy("arn:aws:mock:::bucket/pulumi-state", "arn:aws:mock:::key/pulumi-secrets"));
        }
    });

    it("exports what the sub-accounts and workloads need", () => {
        expect(run.outputs).toMatchObject({
            managementAccountId: org.management.accountId,
            stateBucket: org.stateBackend.bucket,
            pulumiLogin: `pulumi login 's3://${org.stateBackend.bucket}?region=ap-southeast-2&awssdk=v2'`,
            secretsProvider: `awskms://alias/${org.stateBackend.secretsKeyAlias}?region=ap-southeast-2&awssdk=v2`,
            secretsProviderFlag: `--secrets-provider 'awskms://alias/${org.stateBackend.secretsKeyAlias}?region=ap-southeast-2&awssdk=v2'`,
            breakGlassUsers: ["break-glass-1", "break-glass-2"],
        });
        expect(Object.keys(run.outputs.managementRoleArns as object).sort()).toEqual(["admin", "billing", "developer"]);
    });

    it("creates no organisation trail unless asked; looks the organisation up once, on the management provider, for its OUs", () => {
        expect(resourcesOfType(run, "aws:cloudtrail/trail:Trail")).toEqual([]);
        expect(run.invokes.map((i) => [i.token, providerOf(run, i.provider)?.name])).toEqual([["aws:organizations/getOrganization:getOrganization", "management"]]);
    });
});

describe("bootstrap/management options", () => {
    it("organizationTrail: an organisation trail into its own TLS-only bucket; one organisation look-up for trail and OUs", async () => {
        const withTrail = await runStack(DIR, "management", { config: { "bootstrap-management:organizationTrail": "true" } });
        expect(withTrail.errors).toEqual([]);
        expectAllOnProvider(withTrail, "management");
        expect(resourceNamed(withTrail, "aws:cloudtrail/trail:Trail", "organization-trail").inputs).toMatchObject({ isOrganizationTrail: true, isMultiRegionTrail: true, enableLogFileValidation: true });
        expect(withTrail.invokes.map((i) => i.token)).toEqual(["aws:organizations/getOrganization:getOrganization"]);
    });

    it("no developer role when switched off: no role, no mapping, no state access, no group grant", async () => {
        const off = await runStack(DIR, "management", { config: { "bootstrap-management:enableDeveloperRole": "false" } });
        expect(off.errors).toEqual([]);
        expect(resourcesOfType(off, "aws:iam/role:Role").map((r) => r.name).sort()).toEqual(["Management-Admin", "Management-Billing"]);
        expect(off.resources.filter((r) => r.name.includes("Developer"))).toEqual([]);
    });

    it("no break-glass users unless configured", async () => {
        const none = await runStack(DIR, "management", { config: { "bootstrap-management:breakGlassUsers": "[]" } });
        expect(none.errors).toEqual([]);
        expect(resourcesOfType(none, "aws:iam/user:User")).toEqual([]);
    });

    it.each([
        { key: "bootstrap-management:maxSessionDurationSeconds", value: "60", message: /maxSessionDurationSeconds must be a whole number from 3600 to 43200/ },
        { key: "bootstrap-management:breakGlassUsers", value: JSON.stringify(["has space"]), message: /breakGlassUsers must be a list of IAM names/ },
        { key: "bootstrap-management:keyAdministratorArns", value: JSON.stringify(["not-an-arn"]), message: /keyAdministratorArns must be a list of IAM ARNs/ },
        // Sign-in moved into the organisation map: set in the stack, it would be silently ignored.
        { key: "bootstrap-management:trust", value: JSON.stringify({ kind: "saml" }), message: /trust is no longer stack config: sign-in is described in the organisation map \(signIn\.kind\)/ },
        { key: "bootstrap-management:groups", value: JSON.stringify({ admin: ["x"] }), message: /groups is no longer stack config: .*\(signIn\.groups\)/ },
        { key: "bootstrap-management:requireMfa", value: "false", message: /requireMfa is no longer stack config/ },
    ])("rejects bad config $key with a clear message", async ({ key, value, message }) => {
        const bad = await runStack(DIR, "management", { config: { [key]: value } });
        expect(bad.errors.join("\n")).toMatch(message);
        expect(bad.resources.filter((r) => r.type.startsWith("aws:"))).toEqual([]);
    });
});
