/**
 * An audit moves one pack process from stack to stack (starting a pack costs seconds). What a
 * policy can learn about its stack (the SDK's settings, the environment, the stack config) must then
 * be exactly what it would be in a pack started for that stack alone.
 */
import * as path from "node:path";
import { describe, expect, it, vi } from "vitest";

// Each audit starts policy-pack processes (seconds each, ts-node type-checks the pack): on a shared,
// loaded machine one run can take a minute, so these tests get more than the suite's default.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
import { audit } from "../../linter/src/audit/audit";
import { BACKEND, EXPORTS, ROOT } from "./helpers";

const IDENTITY_PACK = path.join(__dirname, "../fixtures/identity-pack");

describe("one pack process, many stacks", () => {
    it("answers every stack with that stack's identity and config, in Analyze and AnalyzeStack", async () => {
        const result = await audit([EXPORTS, `file://${BACKEND}`], { packDir: IDENTITY_PACK, policyPackConfig: {}, cwd: ROOT, packs: 1 });
        expect(result.problems).toEqual([]);
        const pids = new Set(result.findings.map((f) => /pid=(\d+)/.exec(f.message)?.[1]));
        expect([...pids]).toEqual([expect.stringMatching(/^\d+$/)]);
        const seen = result.findings.map((f) => `${f.ruleId} ${path.relative(path.join(ROOT, "test/fixtures/state"), f.file)}: ${f.message.slice(f.message.indexOf("stack=")).replace(/ pid=\d+/, "")}`).sort();
        const both = (file: string, identity: string, resources: number) => [`who-am-i ${file}: ${identity}`, `who-am-i-stack ${file}: ${identity} resources=${resources}`];
        const id = (stack: string, project: string, region = "-") => `stack=${stack} project=${project} organization=organization dryRun=false env=${stack}/${project} region=${region}`;
        expect(seen).toEqual(
            [
                ...both("backend/.pulumi/stacks/billing/dev.json", id("dev", "billing"), 3),
                ...both("backend/.pulumi/stacks/bootstrap-management/management.json", id("management", "bootstrap-management"), 3),
                ...both("backend/.pulumi/stacks/ops.json", id("ops", "legacy-tools"), 3),
                // The one stack with `aws:region` in its config; the stacks after it must not inherit it.
                ...both("backend/.pulumi/stacks/shop/dev.json", id("dev", "shop", "ap-southeast-2"), 3),
                ...both("backend/.pulumi/stacks/shop/prod.json.gz", id("prod", "shop"), 3),
                ...both("exports/interrupted.json", id("staging", "batch"), 5),
                ...both("exports/legacy-defaults.json", id("prod", "legacy-app"), 9),
                ...both("exports/mistakes.json", id("dev", "data-pipeline"), 13),
                ...both("exports/shop-dev.json", id("dev", "shop"), 11),
            ].sort(),
        );
        expect(result.stacksAudited).toBe(11);
    });
});
