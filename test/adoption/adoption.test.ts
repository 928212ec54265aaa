/**
 * The README's "Use it in your repository", step by step, in a scratch repository outside this
 * checkout: guardrail installed from the packed tarball (`npm pack`) beside the SDKs a Pulumi
 * repository already has, then `guardrail init`, `guardrail check`, the pack folder started as
 * `pulumi preview --policy-pack ./policypack` starts it (over the engine protocol), the real
 * pre-commit client running the printed hook, and `guardrail policy-config`.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { AnalyzerSession } from "../../linter/src/engine/analyzer-session";
import { userProcessEnv, startedAsTheEngineDoes } from "../harness/pack-env";
import { defaultAwsProvider, resource } from "../harness/resources";

const REPO = path.resolve(__dirname, "../..");
const ORG_MAP = path.join(REPO, "bootstrap/organization/organization.yaml");
/** What a Pulumi repository has installed before it adopts guardrails (this checkout's pins). */
const USER_DEPENDENCIES = ["@pulumi/pulumi@3.248.0", "@pulumi/aws@7.48.0", "@pulumi/policy@1.21.0", "typescript@5.9"];

const PROGRAM = {
    "infra/Pulumi.yaml": "name: shop-infra\nruntime: nodejs\n",
    "infra/Pulumi.dev.yaml": "config:\n  aws:region: ap-southeast-2\n  guardrails:targetAccount: shop-dev\n  guardrails:organizationMap: ../organization.yaml\n",
    "infra/index.ts": [
        'import * as aws from "@pulumi/aws";',
        'import { targetAccountProvider } from "pulumi-aws-guardrails/provider";',
        "",
        "const provider = targetAccountProvider();",
        'export const assets = new aws.s3.Bucket("assets", {}, { provider }).id;',
        'export const logs = new aws.s3.Bucket("logs").id;',
        "",
    ].join("\n"),
};

let scratch: string;
let repo: string;

function sh(command: string, args: string[], cwd = repo) {
    // As a user runs it: packs start exactly as the engine starts them.
    const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...userProcessEnv(), NO_COLOR: "1" } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The installed bin, as `npx guardrail` finds it. */
const guardrail = (...args: string[]) => sh(process.execPath, [path.join(repo, "node_modules/.bin/guardrail"), ...args]);

/** Asynchronous, so that the test worker keeps answering vitest while npm works. */
function run(command: string, args: string[], cwd: string): Promise<number> {
    return new Promise((resolve) => execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error) => resolve(error ? Number(error.code ?? 1) : 0)));
}

async function npmInstall(args: string[]): Promise<void> {
    // The npm cache holds every package once `npm ci` ran here; --offline spares the registry round trips.
    for (const mode of ["--offline", "--prefer-offline"]) {
        if ((await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", mode, "--save-dev", ...args], repo)) === 0) {
            return;
        }
    }
    throw new Error(`npm install failed in ${repo}`);
}

beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-adoption-"));
    repo = path.join(scratch, "infra-repo");
    fs.mkdirSync(repo);
    const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as {
        filename: string;
    }[];
    fs.writeFileSync(path.join(repo, "package.json"), JSON.stringify({ name: "infra-repo", private: true }, null, 2));
    fs.copyFileSync(ORG_MAP, path.join(repo, "organization.yaml"));
    for (const [file, text] of Object.entries(PROGRAM)) {
        fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
        fs.writeFileSync(path.join(repo, file), text);
    }
    await npmInstall([...USER_DEPENDENCIES, path.join(scratch, packed.filename)]);
    execFileSync("git", ["init", "-q"], { cwd: repo });
}, 240_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const WRITTEN = ["guardrail.config.json", "policypack/PulumiPolicy.yaml", "policypack/package.json", "policypack/index.ts", "policypack/tsconfig.json", "policypack/policy-config.json"];
const mtimes = () => WRITTEN.map((f) => fs.statSync(path.join(repo, f)).mtimeMs);

describe("guardrail in a user's repository, from the packed tarball", () => {
    let initOutput = "";

    it("init writes the setup from the organisation map, and a second run changes nothing", () => {
        const first = guardrail("init", "--org-map", "organization.yaml");
        expect(first.stderr).toBe("");
        expect(first.code).toBe(0);
        initOutput = first.stdout;
        for (const file of WRITTEN) {
            expect(first.stdout).toContain(`${file}: created`);
        }
        // The dependencies are the repository's: nothing to install, nothing installed in the pack folder.
        expect(first.stdout).not.toContain("next: install");
        expect(fs.existsSync(path.join(repo, "policypack/node_modules"))).toBe(false);
        const before = mtimes();

        const second = guardrail("init", "--org-map", "organization.yaml");
        expect(second.code).toBe(0);
        for (const file of WRITTEN) {
            expect(second.stdout).toContain(`${file}: unchanged`);
        }
        expect(mtimes()).toEqual(before);
    });

    it("writes a pack folder whose package.json declares what it imports, for pulumi policy publish", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(repo, "policypack/package.json"), "utf8")) as { dependencies: Record<string, string> };
        const index = fs.readFileSync(path.join(repo, "policypack/index.ts"), "utf8");
        const imported = [...index.matchAll(/from "([^"]+)"/g)].map((m) => m[1].replace(/^(@[^/]+\/[^/]+|[^@/][^/]*).*$/, "$1"));
        // @pulumi/pulumi too: @pulumi/policy's peer, which the pack process loads.
        expect(Object.keys(pkg.dependencies).sort()).toEqual([...new Set([...imported, "@pulumi/pulumi"])].sort());
        // Versions as the repository has them; the tarball's path rebased onto the pack folder.
        expect(pkg.dependencies["@pulumi/policy"]).toBe("^1.21.0");
        expect(pkg.dependencies["pulumi-aws-guardrails"]).toMatch(/^file:\.\.\/\.\.\/pulumi-aws-guardrails-[\d.]+\.tgz$/);
        expect(fs.existsSync(path.resolve(repo, "policypack", pkg.dependencies["pulumi-aws-guardrails"].slice("file:".length)))).toBe(true);
        expect(parseYaml(fs.readFileSync(path.join(repo, "policypack/PulumiPolicy.yaml"), "utf8"))).toMatchObject({ runtime: "nodejs" });
    });

    it("never overwrites a changed file unless --force", () => {
        const config = path.join(repo, "policypack/policy-config.json");
        const original = fs.readFileSync(config, "utf8");
        fs.writeFileSync(config, "{}\n");
        const kept = guardrail("init", "--org-map", "organization.yaml");
        expect(kept.code).toBe(1);
        expect(kept.stdout).toContain("policypack/policy-config.json: kept");
        expect(fs.readFileSync(config, "utf8")).toBe("{}\n");
        const forced = guardrail("init", "--org-map", "organization.yaml", "--force");
        expect(forced.code).toBe(0);
        expect(forced.stdout).toContain("policypack/policy-config.json: overwritten");
        expect(fs.readFileSync(config, "utf8")).toBe(original);
    });

    it("check lints the program and previews it through the pack init wrote", () => {
        const r = guardrail("check", "infra", "--format", "json");
        expect(r.stderr).toBe("");
        expect(r.code).toBe(1);
        const report = JSON.parse(r.stdout) as { findings: { ruleId: string; line: number; urn?: string }[] };
        const got = report.findings.map((f) => `${f.ruleId} ${f.urn ?? `line ${f.line}`}`).sort();
        const logs = "urn:pulumi:dev::shop-infra::aws:s3/bucket:Bucket::logs";
        expect(got).toEqual(
            [
                // The linter: the bucket without a provider. The one from the provider library passes:
                // its declaration file says it returns an aws.Provider.
                "require-resource-provider line 6",
                // The pack, from the program's run: the same bucket on the default provider, the
                // default provider itself, and a stack that reaches two accounts (shop-dev and the
                // management account). The library's provider passes every policy.
                `aws-explicit-provider ${logs}`,
                `no-management-account-target ${logs}`,
                "no-management-account-target urn:pulumi:dev::shop-infra::pulumi:providers:aws::default_7_48_0",
                "single-target-account line 1",
            ].sort(),
        );
    });

    it("the pack folder runs as pulumi preview --policy-pack ./policypack starts it, on the repository's own dependencies", async () => {
        const policyConfig = JSON.parse(fs.readFileSync(path.join(repo, "policypack/policy-config.json"), "utf8")) as Record<string, Record<string, unknown>>;
        const session = await startedAsTheEngineDoes(() => AnalyzerSession.start({ packDir: path.join(repo, "policypack"), policyConfig, stack: { project: "shop-infra", stack: "dev" } }));
        try {
            expect(session.info.name).toBe("aws-account-guardrails");
            expect(session.info.policies.map((p) => p.name)).toContain("aws-explicit-provider");
            const got = await session.analyze(resource("aws:s3/bucket:Bucket", "b", { provider: defaultAwsProvider() }));
            expect(got.map((d) => d.policyName).sort()).toEqual(["aws-explicit-provider", "no-management-account-target"]);
        } finally {
            await session.close();
        }
    }, 120_000);

    it("policy-config writes the same file init wrote, and per environment", () => {
        const out = path.join(scratch, "policy-config.json");
        const r = guardrail("policy-config", "--org-map", "organization.yaml", "--out", out);
        expect(r.code).toBe(0);
        expect(fs.readFileSync(out, "utf8")).toBe(fs.readFileSync(path.join(repo, "policypack/policy-config.json"), "utf8"));
        const prod = guardrail("policy-config", "--org-map", "organization.yaml", "--environment", "prod");
        expect(JSON.parse(prod.stdout)["allowed-target-accounts"]).toEqual({ allowedAccountIds: ["333333333333"] });
        const typo = guardrail("policy-config", "--org-map", "organization.yaml", "--environment", "prdo");
        expect(typo.code).toBe(2);
        expect(typo.stderr).toMatch(/no sub-account has environment "prdo"/);
    });

    it("the pre-commit hook init prints runs with the real pre-commit client", () => {
        const snippet = /# \.pre-commit-config\.yaml\n([\s\S]*?)\n\n/.exec(initOutput)?.[1];
        expect(snippet).toMatch(/repo: local[\s\S]*entry: npx --no-install guardrail lint/);
        fs.writeFileSync(path.join(repo, ".pre-commit-config.yaml"), `${snippet}\n`);
        execFileSync("git", ["add", "-A"], { cwd: repo });
        const r = sh("pre-commit", ["run", "--files", "infra/index.ts"]);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/require-resource-provider/);
        expect(r.stdout).toMatch(/index\.ts:6:/);
    }, 120_000);
});

describe("guardrail init from account flags", () => {
    it("writes the pack config for the accounts given, and names every bad flag at once", () => {
        const dir = fs.mkdtempSync(path.join(scratch, "flags-"));
        fs.writeFileSync(path.join(dir, "package.json"), "{}\n");
        const bin = path.join(repo, "node_modules/.bin/guardrail");
        const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8" });
        const bad = run("init", "--management-account", "11111111111", "--account", "dev=22222222222:dev", "--account", "nope", "--account", "prod=333333333333:prdo");
        expect(bad.status).toBe(2);
        expect(bad.stderr.trim().split("\n")).toHaveLength(1);
        expect(bad.stderr).toMatch(/--management-account "11111111111": expected a 12-digit/);
        expect(bad.stderr).toMatch(/"22222222222" is not a 12-digit/);
        expect(bad.stderr).toMatch(/--account "nope": expected NAME=ID/);
        expect(bad.stderr).toMatch(/--account prod=333333333333:prdo: "prdo" is not a known environment \(did you mean "prod"\?\)/);
        expect(run("init", "--org-map", ORG_MAP, "--management-account", "111111111111").status).toBe(2);

        const ok = run("init", "--management-account", "111111111111", "--account", "shop-dev=222222222222:dev", "--account", "shop-prod=333333333333:prod", "--environment", "prod");
        expect(ok.status).toBe(0);
        const config = JSON.parse(fs.readFileSync(path.join(dir, "policypack/policy-config.json"), "utf8")) as Record<string, Record<string, unknown>>;
        expect(config["no-management-account-target"]).toMatchObject({ managementAccountId: "111111111111" });
        expect(config["allowed-target-accounts"]).toEqual({ allowedAccountIds: ["333333333333"] });
    });
});
