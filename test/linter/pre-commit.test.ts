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
function tryRepo(cwd: string): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
        execFile(
            "pre-commit",
            ["try-repo", REPO_ROOT, "guardrail-lint"],
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
});
