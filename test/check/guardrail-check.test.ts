import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrganization } from "@guardrails/organization";
import { policyConfigFromOrganization } from "../../bootstrap/organization/src/write-policy-config";
import { TEST_ROOT } from "../harness/under-test";
import { runGuardrailInProcess } from "../harness/in-process-cli";
import { userProcessEnv } from "../harness/pack-env";
import { runGuardrailAsync } from "./run-async";

const REPO = TEST_ROOT;
/** The engine names a default provider after the version of the program's own @pulumi/aws. */
const brokenWorkloadAws = (createRequire(path.join(REPO, "test/fixtures/broken-workload/package.json"))("@pulumi/aws/package.json") as { version: string }).version;
const json = (stdout: string) => JSON.parse(stdout) as { findings: { ruleId: string; severity: string; file: string; line: number; message: string }[]; summary: Record<string, number> };

/** `ruleId subject` for each finding, where subject is the resource a policy names or the file:line of a lint finding. */
function digest(findings: ReturnType<typeof json>["findings"]): string[] {
    return findings
        .map((f) => {
            const resource = /\(([^()]+: [^()]+)\):/.exec(f.message)?.[1];
            return `${f.ruleId} ${resource ?? (f.file.endsWith(".ts") ? `${path.basename(f.file)}:${f.line}` : "stack")}`;
        })
        .sort();
}

describe("guardrail check", () => {
    // The README's command, as a user runs it: the bin in a process of its own (its packs type-checked
    // as the engine does), nothing on stderr.
    // The other cases run the same bundled CLI in the test worker, sharing its packs.
    it("the bundled workloads and bootstrap programs are clean: lint and every stack through the pack", async () => {
        const r = await runGuardrailAsync(["check", "workloads", "bootstrap", "--format", "json"], REPO, userProcessEnv());
        expect(r.stderr).toBe("");
        expect(json(r.stdout).findings).toEqual([]);
        expect(json(r.stdout).summary).toMatchObject({ stacksPreviewed: 6, errors: 0, warnings: 0 });
        expect(r.code).toBe(0);
    }, 240_000);

    it("the deliberately broken example yields exactly its known violations", async () => {
        const r = await runGuardrailInProcess(["check", "test/fixtures/broken-workload", "--format", "json"], REPO);
        expect(r.code).toBe(1);
        expect(digest(json(r.stdout).findings)).toEqual(
            [
                // the linter, at commit time
                "require-resource-provider index.ts:9",
                "require-provider-assume-role index.ts:12",
                "require-component-provider index.ts:30",
                "require-invoke-provider index.ts:33",
                // the program run offline: invokes never reach the pack
                "invoke-default-provider stack",
                // the policy pack, over the engine protocol
                "aws-explicit-provider aws:s3/bucket:Bucket: logs",
                "no-management-account-target aws:s3/bucket:Bucket: logs",
                // default provider reached through a component's parent chain
                "aws-explicit-provider aws:s3/bucket:Bucket: archive-store",
                "no-management-account-target aws:s3/bucket:Bucket: archive-store",
                `no-management-account-target pulumi:providers:aws: default_${brokenWorkloadAws.replace(/\./g, "_")}`,
                "no-management-account-target pulumi:providers:aws: ambient",
                "no-management-account-target aws:sqs/queue:Queue: jobs",
                "no-management-account-target pulumi:providers:aws: management-admin",
                "no-management-account-target aws:sns/topic:Topic: alerts",
                "single-target-account stack",
            ].sort(),
        );
    }, 120_000);

    it("reports what the engine would refuse when default providers are disabled", async () => {
        const r = await runGuardrailInProcess(["preview", "test/fixtures/programs/disabled-defaults", "--format", "json"], REPO);
        expect(r.code).toBe(1);
        expect(digest(json(r.stdout).findings)).toContain("default-provider-disabled stack");
    }, 120_000);

    it("prints violations like Pulumi does in the default format", async () => {
        const r = await runGuardrailInProcess(["preview", "test/fixtures/programs/disabled-defaults", "--no-color"], REPO);
        expect(r.stdout).toMatch(/error {2}\[mandatory\] aws-account-guardrails \(aws:s3\/bucket:Bucket: forgotten\): Every AWS resource must use an explicit provider/);
        expect(r.stdout).toMatch(/\) in 1 stack previewed/);
    }, 120_000);

    it("writes SARIF with the pack's policies as rules", async () => {
        const out = path.join(fs.mkdtempSync(path.join(require("node:os").tmpdir(), "check-sarif-")), "check.sarif");
        const r = await runGuardrailInProcess(["preview", "test/fixtures/programs/disabled-defaults", "--format", "sarif", "--output-file", out], REPO);
        expect(r.code).toBe(1);
        const log = JSON.parse(fs.readFileSync(out, "utf8")) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string }[] }[] };
        const ruleIds = log.runs[0].tool.driver.rules.map((x) => x.id);
        expect(ruleIds).toEqual(expect.arrayContaining(["aws-explicit-provider", "no-management-account-target", "default-provider-disabled"]));
        expect(log.runs[0].results.every((x) => ruleIds.includes(x.ruleId))).toBe(true);
    }, 120_000);
});

describe("the committed policy pack config", () => {
    it("is exactly what npm run policy-config writes from the organisation map", () => {
        const committed = JSON.parse(fs.readFileSync(path.join(REPO, "policypack/policy-config.json"), "utf8"));
        expect(committed).toEqual(policyConfigFromOrganization(loadOrganization()));
    });
});
