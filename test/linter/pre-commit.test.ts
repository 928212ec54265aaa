import { execFile, execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLEAN, VIOLATING } from "./cli-helpers";

/**
 * The hook as other repositories use it: the real pre-commit client (Debian package `pre-commit`)
 * installs this repository as a node hook and runs it on the staged files of a scratch repository,
 * from a config naming this repository and a commit of it, as a user's `.pre-commit-config.yaml`
 * does. The cases share one PRE_COMMIT_HOME, so the client installs the hook once (the npm install
 * of a clone of this repository, its pack and a global install of the tarball: half a minute or
 * more) and reuses it, as it does for a user's later commits. (`pre-commit try-repo` would install
 * it afresh for every case: it keeps its store in a temporary folder.)
 */
const REPO_ROOT = path.resolve(__dirname, "../..");
const preCommitHome = fs.mkdtempSync(path.join(os.tmpdir(), "pre-commit-home-"));

/**
 * Only cache freshness: npm takes what `npm ci` already downloaded from its cache instead of asking
 * the registry whether each package is still current. What gets installed is the same.
 */
const NPM_FROM_CACHE = { npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

/**
 * This checkout as a repository and commit pre-commit can clone: HEAD, or, with uncommitted changes
 * to tracked files, a scratch clone with those changes committed (what `pre-commit try-repo` does),
 * so that the hook under test is the working tree's.
 */
function hookRepository(): { repo: string; rev: string } {
    const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    const head = git(REPO_ROOT, "rev-parse", "HEAD");
    const changed = git(REPO_ROOT, "diff", "--name-only", "--no-renames", "-z", "HEAD").split("\0").filter(Boolean);
    if (changed.length === 0) {
        return { repo: REPO_ROOT, rev: head };
    }
    const shadow = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hook-repo-")), "shadow-repo");
    git(REPO_ROOT, "clone", "-q", REPO_ROOT, shadow);
    git(shadow, "checkout", "-q", head, "-b", "_pc_tmp");
    for (const file of changed) {
        const from = path.join(REPO_ROOT, file);
        const to = path.join(shadow, file);
        if (fs.existsSync(from)) {
            fs.mkdirSync(path.dirname(to), { recursive: true });
            fs.copyFileSync(from, to);
        } else {
            fs.rmSync(to, { force: true });
        }
    }
    git(shadow, "add", "-A", "--", ...changed);
    git(shadow, "-c", "user.email=test@example.com", "-c", "user.name=test", "commit", "-q", "--no-verify", "--no-gpg-sign", "-m", "uncommitted changes under test");
    return { repo: shadow, rev: git(shadow, "rev-parse", "HEAD") };
}

let hookRepo: { repo: string; rev: string };

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
    if (Object.keys(staged).length > 0) {
        git("add", ...Object.keys(staged));
    }
    return dir;
}

/** A config naming this repository's hooks, kept outside the scratch repository (as try-repo keeps its own). */
function hookConfig(hooks: string[]): string {
    const config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hook-config-")), ".pre-commit-config.yaml");
    fs.writeFileSync(config, `repos:\n  - repo: ${JSON.stringify(hookRepo.repo)}\n    rev: ${hookRepo.rev}\n    hooks:\n${hooks.map((h) => `      - id: ${h}\n`).join("")}`);
    return config;
}

/** The real client, asynchronously: installing the hook takes half a minute or more, and vitest's worker must stay responsive. */
function preCommit(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
    return new Promise((resolve) => {
        execFile(
            "pre-commit",
            args,
            { cwd, encoding: "utf8", env: { ...process.env, ...NPM_FROM_CACHE, PRE_COMMIT_HOME: preCommitHome, NO_COLOR: "1" }, maxBuffer: 16 * 1024 * 1024 },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
        );
    });
}

/** `pre-commit run <hook>` on the staged files of `cwd`, as at a commit. */
function runHook(cwd: string, hook = "guardrail-lint"): Promise<{ code: number; output: string }> {
    return preCommit(cwd, ["run", "--config", hookConfig([hook]), hook]);
}

describe("pre-commit hooks guardrail-lint and guardrail-check (the real pre-commit client)", () => {
    beforeAll(async () => {
        const version = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
        if (version.error) {
            throw new Error("the pre-commit client is not installed: apt-get install -y pre-commit (see README)");
        }
        hookRepo = hookRepository();
        // The install every case then reuses (both hooks share the one node environment of this
        // repository): what the client does at a user's first commit with the hooks configured.
        const installed = await preCommit(scratchGitRepo({}), ["install-hooks", "--config", hookConfig(["guardrail-lint", "guardrail-check"])]);
        expect(installed.output, "pre-commit install-hooks").not.toMatch(/An unexpected error has occurred|\[ERROR\]/);
        expect(installed.code, installed.output).toBe(0);
    }, 600_000);

    it("fails on a staged file that creates a resource without a provider", async () => {
        const r = await runHook(scratchGitRepo({ "infra/index.ts": VIOLATING }));
        expect(r.output).toMatch(/guardrail lint.*Failed/);
        expect(r.output).toMatch(/infra\/index\.ts:2:23\s+error.*require-resource-provider/);
        expect(r.code).toBe(1);
    }, 240_000);

    it("passes on a clean staged file, ignoring unstaged files", async () => {
        const r = await runHook(scratchGitRepo({ "infra/index.ts": CLEAN }, { "scratch/draft.ts": VIOLATING }));
        expect(r.output).toMatch(/guardrail lint.*Passed/);
        expect(r.code).toBe(0);
    }, 240_000);

    it("lints staged .mts and .cts files too, and passes no declaration files to the linter", async () => {
        const r = await runHook(scratchGitRepo({ "infra/esm.mts": VIOLATING, "infra/cjs.cts": VIOLATING, "infra/types.d.ts": "export declare const x: number;\n" }));
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
        const r = await runHook(dir, "guardrail-check");
        expect(r.output).toMatch(/guardrail check.*Failed/);
        expect(r.output).toMatch(/\[mandatory\] aws-account-guardrails \(aws:s3\/bucket:Bucket: site\).*aws-explicit-provider/);
        expect(r.output).toMatch(/\d+ files checked and 1 stack previewed/);
        expect(r.code).toBe(1);
    }, 300_000);
});
