import { execFile, execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLEAN, VIOLATING } from "./cli-helpers";

/**
 * The hook as other repositories use it: the real pre-commit client (Debian package `pre-commit`)
 * installs this repository as a node hook and runs it on the staged files of a scratch repository.
 */
const REPO_ROOT = path.resolve(__dirname, "../..");
const preCommitHome = fs.mkdtempSync(path.join(os.tmpdir(), "pre-commit-home-"));

function scratchGitRepo(staged: Record<string, string>, unstaged: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hook-user-"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    git("config", "user.email", "dev@example.com");
    git("config", "user.name", "dev");
    for (const [name, text] of Object.entries({ ...staged, ...unstaged })) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    git("add", ...Object.keys(staged));
    return dir;
}

/** Asynchronous on purpose: the first run installs the hook for half a minute, and vitest's worker must stay responsive. */
function tryRepo(cwd: string, hook = "guardrail-lint"): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
        execFile(
            "pre-commit",
            ["try-repo", REPO_ROOT, hook],
            { cwd, encoding: "utf8", env: { ...process.env, PRE_COMMIT_HOME: preCommitHome, NO_COLOR: "1" }, maxBuffer: 16 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
        );
    });
}

describe("pre-commit hook guardrail-lint (pre-commit try-repo)", () => {
    beforeAll(() => {
        const version = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
        if (version.error) {
            throw new Error("the pre-commit client is not installed: apt-get install -y pre-commit (see README)");
        }
    });

    it("fails on a staged file that creates a resource without a provider", async () => {
        const r = await tryRepo(scratchGitRepo({ "infra/index.ts": VIOLATING }));
        expect(r.output).toMatch(/guardrail lint.*Failed/);
        expect(r.output).toMatch(/infra\/index\.ts:2:23\s+error.*require-resource-provider/);
        expect(r.code).toBe(1);
    }, 240_000);

    it("passes on a clean staged file, ignoring unstaged files", async () => {
        const r = await tryRepo(scratchGitRepo({ "infra/index.ts": CLEAN }, { "scratch/draft.ts": VIOLATING }));
        expect(r.output).toMatch(/guardrail lint.*Passed/);
        expect(r.code).toBe(0);
    }, 240_000);

    it("lints staged .mts and .cts files too, and passes no declaration files to the linter", async () => {
        const r = await tryRepo(scratchGitRepo({ "infra/esm.mts": VIOLATING, "infra/cjs.cts": VIOLATING, "infra/types.d.ts": "export declare const x: number;\n" }));
        expect(r.output).toMatch(/infra\/esm\.mts:2:23\s+error.*require-resource-provider/);
        expect(r.output).toMatch(/infra\/cjs\.cts:2:23\s+error.*require-resource-provider/);
        expect(r.output).not.toMatch(/types\.d\.ts/);
        expect(r.code).toBe(1);
    }, 240_000);

    it("guardrail-check previews a user's Pulumi project through their policy pack and fails on a default provider", async () => {
        // A user's repository: a Pulumi project, a copy of the policy pack and its config, and installed
        // dependencies (here the monorepo's node_modules).
        const dir = scratchGitRepo({
            "infra/Pulumi.yaml": "name: infra\nruntime: nodejs\n",
            "infra/Pulumi.dev.yaml": "config:\n  aws:region: ap-southeast-2\n",
            "infra/package.json": JSON.stringify({ name: "infra", main: "index.ts" }),
            "infra/index.ts": VIOLATING,
            "package.json": JSON.stringify({ name: "user-repo", private: true, guardrail: { preview: { policyPack: "policypack", policyPackConfig: "policypack/policy-config.json" } } }),
        });
        fs.cpSync(path.join(REPO_ROOT, "policypack"), path.join(dir, "policypack"), { recursive: true });
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
        execFileSync("git", ["add", "policypack"], { cwd: dir });
        const r = await tryRepo(dir, "guardrail-check");
        expect(r.output).toMatch(/guardrail check.*Failed/);
        expect(r.output).toMatch(/\[mandatory\] aws-account-guardrails \(aws:s3\/bucket:Bucket: site\).*aws-explicit-provider/);
        expect(r.output).toMatch(/\d+ files checked and 1 stack previewed/);
        expect(r.code).toBe(1);
    }, 300_000);
});
