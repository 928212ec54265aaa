import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Each audit starts policy-pack processes (seconds each, ts-node type-checks the pack): on a shared,
// loaded machine one run can take a minute, so these tests get more than the suite's default.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
import { addBrokenStacks, EXPECTED_BACKEND, EXPECTED_BROKEN } from "./backend-expectations";
import { runGuardrailInProcess } from "../harness/in-process-cli";
import { BACKEND, copyFixture, EXPORTS, guardrail, PACK, parseReport, Run, verdicts } from "./helpers";

const P = "urn:pulumi:";
/** What the pack must report for the export fixtures: every violation, and nothing else. */
const EXPECTED_EXPORTS = {
    "legacy-defaults.json": [
        // Created before the guardrails: each default provider (5.x, 6.x, 7.x) and what runs on it.
        `aws-explicit-provider ${P}prod::legacy-app::aws:s3/bucket:Bucket::logs`,
        `aws-explicit-provider ${P}prod::legacy-app::aws:s3/bucket:Bucket::site`,
        `aws-explicit-provider ${P}prod::legacy-app::aws:sqs/queue:Queue::jobs`,
        `no-management-account-target ${P}prod::legacy-app::aws:s3/bucket:Bucket::logs`,
        `no-management-account-target ${P}prod::legacy-app::aws:s3/bucket:Bucket::site`,
        `no-management-account-target ${P}prod::legacy-app::aws:sqs/queue:Queue::jobs`,
        `no-management-account-target ${P}prod::legacy-app::pulumi:providers:aws::default_5_42_0`,
        `no-management-account-target ${P}prod::legacy-app::pulumi:providers:aws::default_6_50_0`,
        `no-management-account-target ${P}prod::legacy-app::pulumi:providers:aws::default_7_48_0`,
        // (random:index/randomPet on its default provider is no AWS resource.)
    ],
    "mistakes.json": [
        `no-management-account-target ${P}dev::data-pipeline::aws-native:s3:Bucket::lake`,
        `no-management-account-target ${P}dev::data-pipeline::aws:s3/bucket:Bucket::archive`,
        `no-management-account-target ${P}dev::data-pipeline::aws:s3/bucket:Bucket::raw`,
        `no-management-account-target ${P}dev::data-pipeline::aws:s3/bucket:Bucket::scratch`,
        `no-management-account-target ${P}dev::data-pipeline::aws:s3/bucket:Bucket::staging`,
        `no-management-account-target ${P}dev::data-pipeline::pulumi:providers:aws-native::native-management`,
        `no-management-account-target ${P}dev::data-pipeline::pulumi:providers:aws::ambient`,
        `no-management-account-target ${P}dev::data-pipeline::pulumi:providers:aws::back-to-management`,
        `no-management-account-target ${P}dev::data-pipeline::pulumi:providers:aws::legacy-v6`,
        `no-management-account-target ${P}dev::data-pipeline::pulumi:providers:aws::management-admin`,
        `single-target-account ${P}dev::data-pipeline::pulumi:pulumi:Stack::data-pipeline-dev`,
        // assumeRoles encrypted in state: unverifiable, never passed.
        `verifiable-provider-target ${P}dev::data-pipeline::aws:s3/bucket:Bucket::exports`,
        `verifiable-provider-target ${P}dev::data-pipeline::pulumi:providers:aws::hidden-target`,
    ],
    "interrupted.json": [
        // The replaced copy (awaiting deletion), the resource read with .get and the pending create, all on the default provider.
        `aws-explicit-provider ${P}staging::batch::aws:ec2/vpc:Vpc::shared`,
        `aws-explicit-provider ${P}staging::batch::aws:s3/bucket:Bucket::results`,
        `aws-explicit-provider ${P}staging::batch::aws:sqs/queue:Queue::retries`,
        `no-management-account-target ${P}staging::batch::aws:ec2/vpc:Vpc::shared`,
        `no-management-account-target ${P}staging::batch::aws:s3/bucket:Bucket::results`,
        `no-management-account-target ${P}staging::batch::aws:sqs/queue:Queue::retries`,
        `no-management-account-target ${P}staging::batch::pulumi:providers:aws::default_7_48_0`,
        `single-target-account ${P}staging::batch::pulumi:pulumi:Stack::batch-staging`,
    ],
    // Sub-account providers, role chains through the management account, aws-native, a component with
    // a nested provider, encrypted secrets in inputs and outputs, resource references: nothing to report.
    "shop-dev.json": [],
    "empty.json": [],
};

describe("guardrail audit <exports>", () => {
    let run: Run;
    beforeAll(async () => {
        run = await runGuardrailInProcess(["audit", EXPORTS, ...PACK, "--format", "json"]);
    });

    it("reports exactly the violations in each stack", () => {
        const report = parseReport(run);
        for (const [file, expected] of Object.entries(EXPECTED_EXPORTS)) {
            expect(verdicts(report, (f) => f.endsWith(`exports/${file}`)), file).toEqual([...expected].sort());
        }
        expect(report.findings.every((f) => f.file.startsWith("test/fixtures/state/exports/"))).toBe(true);
    });

    it("counts stacks and resources, exits 1 on mandatory violations and shows progress on stderr", () => {
        const report = parseReport(run);
        expect(report.summary).toMatchObject({ stacksAudited: 5, resourcesChecked: 40, errors: 28, warnings: 2, problems: 0 });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain("guardrail audit: 5/5 stacks, 40 resources checked");
    });

    it("names the resource, its type, and what sets apart copies that are not live", () => {
        const messages = parseReport(run).findings.map((f) => f.message);
        expect(messages).toContain(
            "[mandatory] aws-account-guardrails (aws:s3/bucket:Bucket: results, awaiting deletion): Every AWS resource must use an explicit provider, never Pulumi's default provider. " +
                'aws:s3/bucket:Bucket "results" uses the default provider "default_7_48_0", which runs with the ambient (management-account) credentials. Give it an explicit provider that assumes a sub-account role.',
        );
        expect(messages.some((m) => m.startsWith("[mandatory] aws-account-guardrails (aws:sqs/queue:Queue: retries, pending creation): "))).toBe(true);
    });
});

describe("guardrail audit, formats and exit codes", () => {
    // The bin in a process of its own: nothing on stderr, not even a warning from Node or a library.
    // The other cases run the bundled CLI in the worker, sharing its packs.
    it("exits 0 on a clean export, with a summary", async () => {
        const r = await guardrail(["audit", path.join(EXPORTS, "shop-dev.json"), ...PACK]);
        expect(r.stdout).toBe("✔ no problems (1 stack audited and 11 resources checked)\n");
        expect(r.code).toBe(0);
        expect(r.stderr).toBe("");
    });

    it("writes GitHub annotations", async () => {
        const r = await runGuardrailInProcess(["audit", path.join(EXPORTS, "legacy-defaults.json"), ...PACK, "--format", "github"]);
        expect(r.code).toBe(1);
        const lines = r.stdout.trim().split("\n");
        expect(lines).toHaveLength(10);
        expect(lines[0]).toMatch(/^::error file=test\/fixtures\/state\/exports\/legacy-defaults.json,line=1,col=1,endLine=1,endColumn=1,title=guardrail no-management-account-target::\[mandatory\] aws-account-guardrails \(pulumi:providers:aws: default_5_42_0\)/);
        expect(lines[9]).toBe("guardrail: 9 error(s), 0 warning(s) (1 stack audited and 9 resources checked)");
    });

    it.each([
        [["audit", "no/such/export.json"], /no\/such\/export.json does not exist/],
        [["audit", "s3://bucket/prefix"], /name the bucket's region/],
        [["audit", "s3://bucket?region=eu-west-1&sse=aws:kms"], /unknown parameter sse/],
        [["audit", "file://test/fixtures/state/exports"], /is not a self-managed backend: .*exports\/.pulumi does not exist/],
        [["audit", "test/fixtures/state"], /holds no stack exports/],
    ])("exits 2 on a source it cannot use: %j", async (args, message) => {
        const r = await runGuardrailInProcess([...args, ...PACK]);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.code).toBe(2);
    });

    it("exits 2 without a policy pack, and takes the pack from guardrail.config.json like check", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-audit-cfg-"));
        const none = await runGuardrailInProcess(["audit", path.join(EXPORTS, "empty.json")], dir);
        expect(none.stderr).toMatch(/no policy pack: pass --policy-pack <dir> or set preview.policyPack/);
        expect(none.code).toBe(2);
        fs.writeFileSync(path.join(dir, "guardrail.config.json"), JSON.stringify({ preview: { policyPack: PACK[1], policyPackConfig: PACK[3] } }));
        const configured = await runGuardrailInProcess(["audit", path.join(EXPORTS, "empty.json")], dir);
        expect(configured.stdout).toBe("✔ no problems (1 stack audited and 0 resources checked)\n");
        expect(configured.code).toBe(0);
    });
});

/** Every file and folder with its modification time: an audit must leave a backend exactly as it was (no lock, no write). */
function snapshot(dir: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .map((e) => {
            const full = path.join(e.parentPath, e.name);
            return `${full} ${fs.statSync(full).mtimeMs}`;
        })
        .sort();
}

describe("guardrail audit file://<backend>", () => {
    it("audits every stack of every project, both layouts, gzipped checkpoints; skips backups, history and locks", async () => {
        const r = await runGuardrailInProcess(["audit", "file://test/fixtures/state/backend", ...PACK, "--format", "json"]);
        const report = parseReport(r);
        for (const [file, expected] of Object.entries(EXPECTED_BACKEND)) {
            expect(verdicts(report, (f) => f.endsWith(`.pulumi/stacks/${file}`)), file).toEqual([...expected].sort());
        }
        expect(report.findings.some((f) => /\.bak$|history|locks/.test(f.file))).toBe(false);
        expect(report.summary).toMatchObject({ stacksAudited: 6, resourcesChecked: 15, errors: 8, warnings: 0, problems: 0 });
        expect(r.code).toBe(1);
    });

    it("reports corrupt, truncated and unknown-version checkpoints by name, audits the others, and writes nothing", async () => {
        const dir = copyFixture(BACKEND);
        addBrokenStacks(dir);
        const before = snapshot(dir);
        const r = await runGuardrailInProcess(["audit", `file://${dir}`, ...PACK, "--format", "json"]);
        expect(snapshot(dir)).toEqual(before);
        const report = parseReport(r);
        const unreadable = report.findings.filter((f) => f.ruleId === "unreadable-stack");
        expect(unreadable.map((f) => f.message).sort()).toEqual(EXPECTED_BROKEN);
        expect(unreadable.every((f) => f.severity === "error" && f.file.includes("/.pulumi/stacks/broken/"))).toBe(true);
        expect(report.summary).toMatchObject({ stacksAudited: 6, resourcesChecked: 15, errors: 12 });
        expect(r.code).toBe(1);
    });

    it("an unreadable stack alone still fails the run (exit 1), in SARIF too", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-audit-"));
        fs.mkdirSync(path.join(dir, ".pulumi/stacks/app"), { recursive: true });
        fs.writeFileSync(path.join(dir, ".pulumi/stacks/app/dev.json"), '{"version": 3, "checkpoint": {"stack": "organization/app/dev", "latest": {"resources": [');
        const r = await runGuardrailInProcess(["audit", `file://${dir}`, ...PACK, "--format", "sarif"]);
        const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[] };
        expect(sarif.runs[0].tool.driver.rules.map((x) => x.id)).toContain("unreadable-stack");
        expect(sarif.runs[0].results).toEqual([expect.objectContaining({ ruleId: "unreadable-stack", level: "error" })]);
        expect(r.code).toBe(1);
    });

    it("a backend with no stacks: nothing audited, said so, exit 0", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-audit-"));
        fs.mkdirSync(path.join(dir, ".pulumi"));
        fs.writeFileSync(path.join(dir, ".pulumi/meta.yaml"), "version: 1\n");
        const r = await runGuardrailInProcess(["audit", `file://${dir}`, ...PACK]);
        expect(r.stdout).toBe(`skipped: file://${dir}: no stacks\n✔ no problems (0 stacks audited and 0 resources checked)\n`);
        expect(r.code).toBe(0);
    });
});
