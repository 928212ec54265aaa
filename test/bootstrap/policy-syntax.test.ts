import { validateIdentityPolicy, validateResourcePolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganization } from "@guardrails/organization";
import type { ProgramRun, RecordedResource } from "../../linter/src/preview/program-run";
import { jsonInput, runStack } from "../programs/stack-runs";

/** Every policy document the bootstrap programs generate, checked by a validator made for IAM policies. */
const org = loadOrganization();
const runs: ProgramRun[] = [];

beforeAll(async () => {
    runs.push(await runStack("bootstrap/management", "management", { config: { "bootstrap-management:organizationTrail": "true" } }));
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
        // 3 trust + 3 mapping + 3 state + 3 assume + key + 2 bucket policies, and 2 trust per sub-account.
        expect(checked.length).toBe(15 + 2 * org.subAccounts.length);
    });

    it("the validator does reject a broken document", () => {
        expect(validateIdentityPolicy({ Version: "2012-10-17", Statement: [{ Effect: "Permit", Action: "s3:GetObject" }] }).length).toBeGreaterThan(0);
    });
});
