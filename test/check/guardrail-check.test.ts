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

    it.each([
        { name: "a program that throws", args: ["preview", "test/fixtures/programs/throws"], message: /throws \(stack dev\): the program failed: boom: the program could not decide its buckets/ },
        { name: "config the program requires but the stack lacks", args: ["preview", "test/fixtures/programs/needs-config"], message: /Missing required configuration variable 'needs-config:bucketName'/ },
        { name: "malformed JSON in the program's package.json", args: ["preview", "test/fixtures/programs/bad-package-json"], message: /^guardrail: \S*test\/fixtures\/programs\/bad-package-json\/package\.json is not valid JSON: .*position/ },
        { name: "malformed JSON in a checked program's package.json", args: ["check", "test/fixtures/programs/bad-package-json"], message: /^guardrail: \S*bad-package-json\/package\.json is not valid JSON: /m },
        { name: "a folder that is not a Pulumi project", args: ["preview", "test/fixtures"], message: /fixtures is not a Pulumi project \(no Pulumi\.yaml\)/ },
        { name: "an unknown stack", args: ["preview", "workloads/static-site", "--stack", "staging"], message: /stack "staging" has no config file .* \(stacks: dev, prod\)/ },
        { name: "a missing policy pack config file", args: ["preview", "workloads/static-site", "--policy-pack-config", "nope.json"], message: /cannot read the policy pack config .*nope\.json: ENOENT/ },
        { name: "a pack config the engine would reject", args: ["preview", "workloads/static-site", "--stack", "dev", "--policy-pack-config", "package.json"], message: /is not a policy of this pack/ },
        { name: "an error thrown by a timer after resources were registered", args: ["preview", "test/fixtures/programs/late-timer-error"], message: /late-timer-error \(stack dev\): the program failed: the timer found no hosted zone$/m },
        { name: "a program that calls process.exit()", args: ["preview", "test/fixtures/programs/calls-process-exit"], message: /the program failed: the program called process\.exit\(0\) at .*index\.ts:5:\d+/ },
        {
            name: "a program that never ends and ignores SIGTERM (--timeout)",
            args: ["preview", "test/fixtures/programs/traps-sigterm", "--timeout", "4"],
            message: /traps-sigterm \(stack dev\): the program failed: the program did not finish within 4 s \(--timeout 4\); it ignored SIGTERM and was killed$/m,
        },
        { name: "a program that runs out of memory", args: ["preview", "test/fixtures/programs/out-of-memory"], message: /^guardrail: out-of-memory \(stack dev\): the program failed: the program ran out of memory \(JavaScript heap out of memory, heap \d+ MB\); give node more with NODE_OPTIONS=--max-old-space-size=<MB>\n$/ },
        { name: "--stack-config without a value", args: ["preview", "workloads/static-site", "--stack-config", "aws:region"], message: /option '--stack-config <key=value>' argument 'aws:region' is invalid\. expected KEY=VALUE/ },
        { name: "a --timeout that is not a number of seconds", args: ["preview", "workloads/static-site", "--timeout", "0"], message: /option '--timeout <seconds>' argument '0' is invalid\. must be a number of seconds greater than 0/ },
    ])("exits 2 with a clear error on $name", async ({ args, message }) => {
        const r = await runGuardrailInProcess(args, REPO);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.stderr).not.toMatch(/<--- Last few GCs --->|FATAL ERROR/);
    }, 120_000);

    it("check reports every failing program and exits 2: it never hangs, whatever the programs do", async () => {
        const programs = ["unawaited-rejection", "traps-sigterm", "throws"].map((p) => `test/fixtures/programs/${p}`);
        const r = await runGuardrailInProcess(["check", ...programs, "--timeout", "20", "--format", "json"], REPO);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/unawaited-rejection \(stack dev\): the program failed: no certificate for example\.net/);
        expect(r.stderr).toMatch(/traps-sigterm \(stack dev\): the program failed: the program did not finish within 20 s/);
        expect(r.stderr).toMatch(/throws \(stack dev\): the program failed: boom/);
    }, 180_000);

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
