import { validateIdentityPolicy, validateResourcePolicy, validateServiceControlPolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganization } from "@guardrails/organization";
import type { ProgramRun, RecordedResource } from "../../linter/src/preview/program-run";
import { mapVariant, withIdentityCenterAndAuditor } from "../programs/org-maps";
import { jsonInput, runStack } from "../programs/stack-runs";

/** Every policy document the bootstrap programs generate, checked by a validator made for IAM policies. */
const org = loadOrganization();
const runs: ProgramRun[] = [];
let identityCenter: ProgramRun;

beforeAll(async () => {
    runs.push(await runStack("bootstrap/management", "management", { config: { "bootstrap-management:organizationTrail": "true" } }));
    identityCenter = await runStack("bootstrap/management", "management", { orgMap: mapVariant(withIdentityCenterAndAuditor) });
    runs.push(identityCenter);
    for (const a of org.subAccounts) {
        runs.push(await runStack("bootstrap/subaccount", a.name));
    }
    for (const r of runs) {
        expect(r.errors).toEqual([]);
    }
}, 120_000);

type Validator = (doc: unknown) => { message: string; path: string }[];
const KINDS: { type: string; key: string; validate: Validator; kind: string }[] = [
    { type: "aws:iam/role:Role", key: "assumeRolePolicy", validate: validateTrustPolicy, kind: "trust" },
    { type: "aws:iam/rolePolicy:RolePolicy", key: "policy", validate: validateIdentityPolicy, kind: "identity" },
    { type: "aws:iam/policy:Policy", key: "policy", validate: validateIdentityPolicy, kind: "identity" },
    { type: "aws:kms/key:Key", key: "policy", validate: validateResourcePolicy, kind: "resource" },
    { type: "aws:s3/bucketPolicy:BucketPolicy", key: "policy", validate: validateResourcePolicy, kind: "resource" },
    { type: "aws:organizations/policy:Policy", key: "content", validate: validateServiceControlPolicy, kind: "service control" },
];

describe("generated policy documents", () => {
    it("are all valid IAM policies of their kind", () => {
        const checked: string[] = [];
        for (const run of runs) {
            for (const { type, key, validate, kind } of KINDS) {
                for (const r of run.resources.filter((x: RecordedResource) => x.type === type)) {
                    const errors = validate(jsonInput(r, key));
                    expect(errors, `${kind} policy of ${r.type} ${r.name}`).toEqual([]);
                    checked.push(`${r.name}:${key}`);
                }
            }
        }
        // With the trail: 3 trust + 3 mapping + 3 state + 3 assume + key + 2 bucket policies + the SCP;
        // Identity Center and the auditor: 4 trust + 3 mapping + 3 state + 1 state read + key + bucket policy + SCP;
        // and 2 trust per sub-account.
        expect(checked.length).toBe(16 + 14 + 2 * org.subAccounts.length);
    });

    it("the inline policies exported for Identity Center permission sets are valid identity policies", () => {
        const policies = Object.values(identityCenter.outputs.permissionSetPolicies as Record<string, string>);
        expect(policies).toHaveLength(3);
        for (const p of policies) {
            expect(validateIdentityPolicy(JSON.parse(p))).toEqual([]);
        }
    });

    it("the validator does reject a broken document", () => {
        expect(validateIdentityPolicy({ Version: "2012-10-17", Statement: [{ Effect: "Permit", Action: "s3:GetObject" }] }).length).toBeGreaterThan(0);
        // An SCP may not name a principal.
        expect(validateServiceControlPolicy({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] }).length).toBeGreaterThan(0);
    });
});
