import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganization, SUB_ACCOUNT_ROLES } from "@guardrails/organization";
import type { ProgramRun } from "../../linter/src/preview/program-run";
import { mapVariant, withIdentityCenterAndAuditor } from "../programs/org-maps";
import { jsonInput, resourceNamed, runStack } from "../programs/stack-runs";
import { BUCKET_ARN, bucketPolicyOf, decide, Doc, inlinePoliciesOf, KEY_ARN, keyPolicyOf, MGMT, REGION, roleArnIn, sessionIn, STATE_OBJECT } from "./iam-helpers";

/**
 * Least privilege for Management-Auditor (the role `guardrail audit` runs as nightly), evaluated:
 * it reads Pulumi state and can do nothing else.
 */
const file = mapVariant(withIdentityCenterAndAuditor);
const org = loadOrganization(file);
const AUDITOR = "Management-Auditor";
let management: ProgramRun;
const subAccountTrust = new Map<string, Doc>();

beforeAll(async () => {
    management = await runStack("bootstrap/management", "management", { orgMap: file });
    expect(management.errors).toEqual([]);
    for (const account of org.subAccounts) {
        const run = await runStack("bootstrap/subaccount", account.name, { orgMap: file });
        expect(run.errors).toEqual([]);
        for (const role of SUB_ACCOUNT_ROLES) {
            subAccountTrust.set(`${account.name}/${role}`, jsonInput(resourceNamed(run, "aws:iam/role:Role", org.roles.subAccount[role]), "assumeRolePolicy"));
        }
    }
}, 180_000);

const S3 = `s3.${REGION}.amazonaws.com`;
const NONE: Record<string, string> = {};
type Policy = "bucket" | "key" | "none";
/** The auditor's session asks for `action` on `resource`; `via` is the kms:ViaService S3 adds when it calls KMS on the caller's behalf. */
function asAuditor(action: string, resource: string, policy: Policy, extra: Record<string, string> = {}) {
    return decide({
        principal: sessionIn(MGMT, AUDITOR, "nightly-audit"),
        action,
        resource,
        resourceAccount: MGMT,
        identity: inlinePoliciesOf(management, AUDITOR),
        resourcePolicy: policy === "bucket" ? bucketPolicyOf(management) : policy === "key" ? keyPolicyOf(management) : undefined,
        context: { "aws:PrincipalArn": roleArnIn(MGMT, AUDITOR), "aws:PrincipalAccount": MGMT, "aws:SecureTransport": "true", ...extra },
    });
}

describe("Management-Auditor may read Pulumi state", () => {
    it.each([
        { what: "list the state bucket", action: "s3:ListBucket", resource: BUCKET_ARN, policy: "bucket" as Policy, extra: NONE },
        { what: "read a stack checkpoint", action: "s3:GetObject", resource: STATE_OBJECT, policy: "bucket" as Policy, extra: NONE },
        { what: "read an older layout's checkpoint under a prefix", action: "s3:GetObject", resource: `${BUCKET_ARN}/team-a/.pulumi/stacks/dev.json.gz`, policy: "bucket" as Policy, extra: NONE },
        { what: "decrypt with the state key when S3 asks on its behalf (SSE-KMS objects)", action: "kms:Decrypt", resource: KEY_ARN, policy: "key" as Policy, extra: { "kms:ViaService": S3 } },
    ])("$what", async ({ action, resource, policy, extra }) => {
        expect(await asAuditor(action, resource, policy, extra)).toBe("Allowed");
    });
});

describe("Management-Auditor can do nothing else", () => {
    it.each([
        { what: "write state", action: "s3:PutObject", resource: STATE_OBJECT, policy: "bucket" as Policy, extra: NONE },
        { what: "delete state", action: "s3:DeleteObject", resource: STATE_OBJECT, policy: "bucket" as Policy, extra: NONE },
        { what: "delete an old state version", action: "s3:DeleteObjectVersion", resource: STATE_OBJECT, policy: "bucket" as Policy, extra: NONE },
        { what: "read old state versions", action: "s3:GetObjectVersion", resource: STATE_OBJECT, policy: "bucket" as Policy, extra: NONE },
        { what: "change the bucket policy", action: "s3:PutBucketPolicy", resource: BUCKET_ARN, policy: "bucket" as Policy, extra: NONE },
        { what: "delete the bucket", action: "s3:DeleteBucket", resource: BUCKET_ARN, policy: "bucket" as Policy, extra: NONE },
        { what: "read another bucket", action: "s3:GetObject", resource: "arn:aws:s3:::acme-other/state.json", policy: "none" as Policy, extra: NONE },
        { what: "list another bucket", action: "s3:ListBucket", resource: "arn:aws:s3:::acme-other", policy: "none" as Policy, extra: NONE },
        { what: "list every bucket", action: "s3:ListAllMyBuckets", resource: "*", policy: "none" as Policy, extra: NONE },
        { what: "decrypt with the key directly (a stack's data key would open its secrets)", action: "kms:Decrypt", resource: KEY_ARN, policy: "key" as Policy, extra: NONE },
        { what: "decrypt through another service", action: "kms:Decrypt", resource: KEY_ARN, policy: "key" as Policy, extra: { "kms:ViaService": `secretsmanager.${REGION}.amazonaws.com` } },
        { what: "encrypt with the key", action: "kms:Encrypt", resource: KEY_ARN, policy: "key" as Policy, extra: { "kms:ViaService": S3 } },
        { what: "generate data keys", action: "kms:GenerateDataKey", resource: KEY_ARN, policy: "key" as Policy, extra: { "kms:ViaService": S3 } },
        { what: "schedule the key's deletion", action: "kms:ScheduleKeyDeletion", resource: KEY_ARN, policy: "key" as Policy, extra: NONE },
        { what: "read IAM", action: "iam:GetRole", resource: roleArnIn(MGMT, "Management-Admin"), policy: "none" as Policy, extra: NONE },
        { what: "assume a management role", action: "sts:AssumeRole", resource: roleArnIn(MGMT, "Management-Admin"), policy: "none" as Policy, extra: NONE },
    ])("may not $what", async ({ action, resource, policy, extra }) => {
        expect(await asAuditor(action, resource, policy, extra)).not.toBe("Allowed");
    });

    it("reads state over TLS only", async () => {
        expect(await asAuditor("s3:GetObject", STATE_OBJECT, "bucket", { "aws:SecureTransport": "false" })).toBe("ExplicitlyDenied");
    });

    it("has exactly three allowed actions, none with a wildcard", () => {
        const statements = inlinePoliciesOf(management, AUDITOR).flatMap((p) => (p.policy as { Statement: { Effect: string; Action: string }[] }).Statement);
        expect(statements.every((s) => s.Effect === "Allow")).toBe(true);
        expect(statements.map((s) => s.Action).sort()).toEqual(["kms:Decrypt", "s3:GetObject", "s3:ListBucket"]);
    });

    const rows = org.subAccounts.flatMap((a) => SUB_ACCOUNT_ROLES.map((role) => ({ account: a.name, id: a.accountId, role })));
    it.each(rows)("may not assume $role in $account", async ({ account, id, role }) => {
        const outcome = await decide({
            principal: sessionIn(MGMT, AUDITOR, "nightly-audit"),
            action: "sts:AssumeRole",
            resource: roleArnIn(id, org.roles.subAccount[role]),
            resourceAccount: id,
            identity: inlinePoliciesOf(management, AUDITOR),
            resourcePolicy: subAccountTrust.get(`${account}/${role}`),
            context: { "aws:PrincipalArn": roleArnIn(MGMT, AUDITOR), "aws:PrincipalAccount": MGMT, "aws:MultiFactorAuthPresent": "true" },
        });
        expect(outcome).toBe("ImplicitlyDenied");
    });
});
