/**
 * `guardrail check` moves a policy-pack process from stack to stack instead of starting one per stack
 * (linter/src/preview/pack-sessions.ts). What a policy can learn of its stack (the SDK's settings,
 * the environment, the stack config) must still be exactly that stack's, as in a pack started for it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_ROOT } from "../harness/under-test";
import { runGuardrailAsync } from "./run-async";

const IDENTITY_PACK = path.join(TEST_ROOT, "test/fixtures/identity-pack");

describe("guardrail check: one pack process serves several stacks", () => {
    it("answers each stack with its own identity and config, none inherited from the stack before", async () => {
        const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pack-reuse-")), "config.json");
        fs.writeFileSync(config, "{}");
        const programs = ["many-stacks", "one-more-stack"].map((p) => `test/fixtures/programs/${p}`);
        const r = await runGuardrailAsync(["check", ...programs, "--policy-pack", IDENTITY_PACK, "--policy-pack-config", config, "--format", "json"], TEST_ROOT);
        expect(r.stderr).toBe("");
        const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; file: string; message: string }[] }).findings;
        const pids = new Set(findings.map((f) => /pid=(\d+)/.exec(f.message)?.[1] ?? "none"));
        // Five stacks, two projects side by side with two stacks each at a time: at most four packs.
        expect(pids.has("none")).toBe(false);
        expect(pids.size).toBeLessThan(5);
        const seen = findings.map((f) => `${f.ruleId} ${path.basename(f.file)}: ${f.message.slice(f.message.indexOf("stack=")).replace(/ pid=\d+/, "")}`).sort();
        const id = (stack: string, project: string, region: string) => `stack=${stack} project=${project} organization=organization dryRun=true env=${stack}/${project} region=${region}`;
        const both = (file: string, identity: string) => [`who-am-i ${file}: ${identity}`, `who-am-i-stack ${file}: ${identity} resources=1`];
        expect(seen).toEqual(
            [
                ...both("Pulumi.four.yaml", id("four", "many-stacks", "-")),
                ...both("Pulumi.one.yaml", id("one", "many-stacks", "ap-southeast-2")),
                ...both("Pulumi.three.yaml", id("three", "many-stacks", "us-east-1")),
                // Served after a stack with a region (one or three, whichever finished first): none inherited.
                ...both("Pulumi.two.yaml", id("two", "many-stacks", "-")),
                ...both("Pulumi.solo.yaml", id("solo", "one-more-stack", "eu-west-1")),
            ].sort(),
        );
        expect(r.code).toBe(0);
    }, 180_000);
});
