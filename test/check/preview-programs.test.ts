import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runGuardrailInProcess } from "../harness/in-process-cli";

/** `guardrail preview` on program shapes that used to pass silently, hang or fail: the user's view. */
const REPO = path.resolve(__dirname, "../..");
const PER_TEST_MS = 240_000;
type Report = { findings: { ruleId: string; severity: string; message: string }[]; summary: Record<string, number> };

/** `ruleId subject` per finding, the subject being the resource a policy names or "stack". */
function digest(stdout: string): string[] {
    return (JSON.parse(stdout) as Report).findings.map((f) => `${f.ruleId} ${/\(([^()]+: [^()]+)\):/.exec(f.message)?.[1] ?? "stack"}`).sort();
}

function preview(fixture: string, ...args: string[]) {
    return runGuardrailInProcess(["preview", `test/fixtures/programs/${fixture}`, "--format", "json", ...args], REPO);
}

// One at a time: each runs a program; the policy packs are the worker's, moved from stack to stack.
describe("guardrail preview of real program shapes", () => {
    it("sees the resources an exported function creates (they used to be never seen, and the preview passed)", async () => {
        const r = await preview("export-function");
        expect(r.stderr).toBe("");
        expect(digest(r.stdout)).toContain("aws-explicit-provider aws:s3/bucket:Bucket: inside-function");
        expect(r.code).toBe(1);
    }, PER_TEST_MS);

    it("warns that a CommonJS `export default` function is never called, rather than guessing", async () => {
        const r = await preview("cjs-export-default");
        expect(r.code).toBe(0);
        const [finding] = (JSON.parse(r.stdout) as Report).findings;
        expect(finding).toMatchObject({ ruleId: "program-export-not-called", severity: "warning" });
        expect(finding.message).toMatch(/exports a function as `default`; the Pulumi language host does not call it/);
    }, PER_TEST_MS);

    it("applies project-level config: pulumi:disable-default-providers in Pulumi.yaml refuses the default provider", async () => {
        const r = await preview("project-config");
        expect(r.stderr).toBe("");
        expect(digest(r.stdout)).toContain("default-provider-disabled stack");
        expect(digest(r.stdout)).toContain("aws-explicit-provider aws:s3/bucket:Bucket: forgotten");
        expect(digest(r.stdout).filter((d) => d.includes("work-"))).toEqual([]);
    }, PER_TEST_MS);

    it("runs with a secret placeholder for encrypted config: the pack reports the provider as unverifiable", async () => {
        const r = await preview("secure-config");
        expect(r.stderr).toBe("");
        expect(digest(r.stdout)).toEqual([
            "verifiable-provider-target aws:s3/bucket:Bucket: data",
            "verifiable-provider-target aws:ssm/parameter:Parameter: db-password",
            "verifiable-provider-target pulumi:providers:aws: deployer",
        ]);
        expect(r.code).toBe(1);
    }, PER_TEST_MS);

    it("--stack-config supplies a test value for encrypted config", async () => {
        const r = await preview("secure-config", "--stack-config", "deployRoleArn=arn:aws:iam::222222222222:role/Admin");
        expect(r.stderr).toBe("");
        expect(digest(r.stdout)).toEqual([]);
        expect(r.code).toBe(0);
    }, PER_TEST_MS);

    it("a program that cannot run on the placeholder says so and names --stack-config (not --config)", async () => {
        const r = await preview("secure-object");
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/secure-object:settings cannot be decrypted offline, so the program saw a placeholder; give it a test value with --stack-config KEY=VALUE/);
        expect(r.stderr).not.toMatch(/--config\b/);
    }, PER_TEST_MS);

    it.each([
        { pack: "the guardrails pack", args: [] as string[] },
        { pack: "a pack whose only policy does nothing", args: ["--policy-pack", "test/fixtures/noop-policypack", "--policy-pack-config", "EMPTY"] },
    ])("completes on resource references, assets, archives and remote components with $pack (it used to hang)", async ({ args }) => {
        const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "empty-config-")), "config.json");
        fs.writeFileSync(empty, "{}");
        const started = Date.now();
        const r = await preview("resource-references", ...args.map((a) => (a === "EMPTY" ? empty : a)));
        expect(r.stderr).toBe("");
        expect(digest(r.stdout)).toEqual([]);
        expect(r.code).toBe(0);
        expect(Date.now() - started).toBeLessThan(PER_TEST_MS / 2);
    }, PER_TEST_MS);

    it("issue 9: onObjectCreated on a bucket with a proper provider reports nothing", async () => {
        const r = await preview("bucket-event-subscription");
        expect(r.stderr).toBe("");
        expect(digest(r.stdout)).toEqual([]);
        expect(r.code).toBe(0);
    }, PER_TEST_MS);
});
