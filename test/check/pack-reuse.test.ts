/**
 * `guardrail check` moves a policy-pack process from stack to stack instead of starting one per stack
 * (linter/src/engine/pack-sessions.ts). What a policy can learn of its stack (the SDK's settings,
 * the environment, the stack config) must still be exactly that stack's, as in a pack started for it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { StackIdentity } from "../../linter/src/engine/policy-pack-process";
import { defaultMaxPacks, PackSessions } from "../../linter/src/engine/pack-sessions";
import { urn } from "../harness/resources";
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
        // Five stacks, up to four previewed side by side, but no more packs than cores (at most 4).
        expect(pids.has("none")).toBe(false);
        expect(pids.size).toBeLessThanOrEqual(defaultMaxPacks());
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

describe("the packs of one run", () => {
    const identity = (stack: string): StackIdentity => ({ stack, project: "shop", organization: "organization", dryRun: true, config: {} });
    const stackResource = (stack: string) => ({ type: "pulumi:pulumi:Stack", urn: urn("pulumi:pulumi:Stack", `shop-${stack}`, [], { stack, project: "shop" }), name: `shop-${stack}`, properties: {} });

    it("a stack whose program failed once its pack was up hands that pack on, still running, to the next stack", async () => {
        const packs = new PackSessions({ packDir: IDENTITY_PACK, policyConfig: {} });
        try {
            // What preview does when the program fails: abandon the start, give the pack back.
            const failed = new AbortController();
            const first = await packs.acquire(identity("dev"), failed.signal);
            failed.abort();
            await packs.release(first, true);
            const next = await packs.acquire(identity("prod"));
            expect(next).toBe(first);
            const [seen] = await next.analyzeStack([stackResource("prod")]);
            expect(seen.message).toMatch(/stack=prod project=shop .* resources=1/);
        } finally {
            await packs.close();
        }
    }, 120_000);

    it("a start abandoned before the pack is up is stopped and leaves nothing running", async () => {
        const packs = new PackSessions({ packDir: IDENTITY_PACK, policyConfig: {} });
        const abandoned = new AbortController();
        const start = packs.acquire(identity("dev"), abandoned.signal);
        abandoned.abort();
        await expect(start).rejects.toThrow();
        await packs.close();
    }, 120_000);

    it("runs no more than maxPacks at once: a stack beyond them waits for a pack handed back, or for room after one is stopped", async () => {
        const packs = new PackSessions({ packDir: IDENTITY_PACK, policyConfig: {}, maxPacks: 2 });
        const settled = (p: Promise<unknown>) => Promise.race([p.then(() => true, () => true), new Promise<boolean>((r) => setImmediate(() => r(false)))]);
        try {
            const [a, b] = await Promise.all([packs.acquire(identity("one")), packs.acquire(identity("two"))]);
            const third = packs.acquire(identity("three"));
            // Waiting, not starting: a pack started now would have time to come up before the release.
            await new Promise((r) => setTimeout(r, 1_500));
            expect(await settled(third)).toBe(false);
            const gaveUp = new AbortController();
            const abandoned = packs.acquire(identity("four"), gaveUp.signal);
            gaveUp.abort();
            await expect(abandoned).rejects.toThrow(/no longer needed/);

            await packs.release(a, true);
            const c = await third;
            expect(c).toBe(a);
            expect((await c.analyzeStack([stackResource("three")]))[0].message).toMatch(/stack=three /);

            // A pack that failed is stopped, never handed on: the one waiting gets a new one.
            const fifth = packs.acquire(identity("five"));
            await packs.release(b, false);
            const e = await fifth;
            expect(e).not.toBe(b);
            expect(e).not.toBe(a);
            expect((await e.analyzeStack([stackResource("five")]))[0].message).toMatch(/stack=five /);
        } finally {
            await packs.close();
        }
    }, 120_000);
});
