import * as os from "node:os";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AnalyzerSession } from "../../linter/src/engine/analyzer-session";
import { PolicyConfigError, reconcilePolicyConfig } from "../../linter/src/engine/engine-config";
import { PolicyPackStartError } from "../../linter/src/engine/policy-pack-process";
import { startedAsTheEngineDoes } from "../harness/pack-env";
import { defaultAwsProvider, resource } from "../harness/resources";
import { TEST_TMP } from "../harness/under-test";
import { DEV, MGMT, PACK_DIR, packConfig, roleIn, usePackSession, v7Provider } from "./fixtures";

const start = (policyConfig: Record<string, unknown>) => AnalyzerSession.start({ packDir: PACK_DIR, policyConfig });

const rejected: { name: string; config: Record<string, unknown>; problem: RegExp }[] = [
    { name: "no config at all", config: {}, problem: /no-management-account-target: must have required property 'managementAccountId'/ },
    {
        name: "ill-formed management account id",
        config: { ...packConfig(), "no-management-account-target": { managementAccountId: "12345" } },
        problem: /no-management-account-target\.managementAccountId: must match pattern/,
    },
    { name: "unknown policy name", config: { ...packConfig(), "no-such-policy": "mandatory" }, problem: /"no-such-policy" is not a policy of this pack/ },
    { name: "bad enforcement level", config: { ...packConfig(), all: "strict" }, problem: /all: "strict" is not an enforcement level/ },
    {
        name: "allowedAccountIds with a bad id",
        config: { ...packConfig(), "allowed-target-accounts": { allowedAccountIds: ["22"] } },
        problem: /allowed-target-accounts\.allowedAccountIds\.0: must match pattern/,
    },
];

/**
 * The check runs on what the pack's GetAnalyzerInfo describes (its policies and their schemas), before
 * Configure. Each row checks it against the running pack's answer; one start shows that
 * AnalyzerSession.start makes exactly this check and fails with it (a start per row would cost a pack
 * process per row and test the same path again).
 */
describe("policy config the engine rejects before Configure", () => {
    const running = usePackSession();
    it.each(rejected)("$name", ({ config, problem }) => {
        let error: unknown;
        try {
            reconcilePolicyConfig(running().info.policies, config);
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(PolicyConfigError);
        expect((error as Error).message).toMatch(problem);
    });
    it("AnalyzerSession.start fails with that check's error", async () => {
        const { config, problem } = rejected[0];
        const error = await start(config).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(PolicyConfigError);
        expect((error as Error).message).toMatch(problem);
    });
});

describe("the pack fails closed on a config the engine did not check", () => {
    const unchecked = usePackSession({ policyConfig: {}, engineValidatesConfig: false });
    const typo = usePackSession({
        policyConfig: { ...packConfig(), "pin-allowed-account-ids": { managementAccountId: MGMT, managmentAccountId: MGMT } },
        engineValidatesConfig: false,
    });
    const good = v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }], allowedAccountIds: [DEV] });

    it("reports a mandatory violation instead of passing when managementAccountId is missing", async () => {
        const got = await unchecked().analyze(resource("aws:s3/bucket:Bucket", "b", { provider: good }));
        const invalid = got.filter((d) => /invalid policy configuration/.test(d.message));
        expect(invalid.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
            ["no-management-account-target", "mandatory"],
            ["pin-allowed-account-ids", "mandatory"],
        ]);
        expect(invalid[0].message).toMatch(/must have required property 'managementAccountId'.*guardrail policy-config --org-map FILE/);
    });
    it("rejects a misspelt key rather than falling back to a default", async () => {
        const got = await typo().analyze(resource("aws:s3/bucket:Bucket", "b", { provider: good }));
        expect(got.filter((d) => d.policyName === "pin-allowed-account-ids").map((d) => d.message)).toEqual([
            expect.stringMatching(/unknown key "managmentAccountId"/),
        ]);
    });
});

describe("pack metadata, as GetAnalyzerInfo reports it", () => {
    const session = usePackSession();
    it("names every policy in kebab-case with description, level, severity, remediation and a config schema", () => {
        const { policies, name } = session().info;
        expect(name).toBe("aws-account-guardrails");
        expect(policies.map((p) => p.name)).toEqual([
            "aws-explicit-provider",
            "no-management-account-target",
            "allowed-target-accounts",
            "verifiable-provider-target",
            "pin-allowed-account-ids",
            "single-target-account",
        ]);
        for (const p of policies) {
            expect(p.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
            expect(p.description.length).toBeGreaterThan(20);
            expect(p.remediationSteps.length).toBeGreaterThan(20);
            expect(["low", "medium", "high", "critical"]).toContain(p.severity);
            expect(Object.keys(p.configSchema?.properties ?? {})).toContain("packages");
        }
        const required = Object.fromEntries(policies.map((p) => [p.name, p.configSchema?.required ?? []]));
        expect(required["no-management-account-target"]).toEqual(["managementAccountId"]);
    });
    it("answers Analyze for a resource after the handshake sequence", async () => {
        const got = await session().analyze(resource("aws:s3/bucket:Bucket", "b", { provider: defaultAwsProvider() }));
        expect(got.map((d) => d.policyName)).toContain("aws-explicit-provider");
    });
});

describe("starting the pack", () => {
    it("prints its port and answers GetAnalyzerInfo within a few seconds, type-checked as the engine starts it", async () => {
        const t0 = performance.now();
        const session = await startedAsTheEngineDoes(() => AnalyzerSession.start({ packDir: PACK_DIR, policyConfig: packConfig() }));
        const elapsed = performance.now() - t0;
        await session.close();
        // Generous bound: the CLI itself waits much longer; this catches a pack that hangs or type-checks the world.
        expect(elapsed).toBeLessThan(15_000);
    });
    it("gives a clear error, with the pack's own words, when the pack cannot load", async () => {
        // Beside the pack under test, so it resolves @pulumi/pulumi as an installed pack would.
        const scratch = TEST_TMP;
        fs.mkdirSync(scratch, { recursive: true });
        const dir = fs.mkdtempSync(path.join(scratch, "broken-pack-"));
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "broken", version: "0.0.1", main: "index.js" }));
        fs.writeFileSync(path.join(dir, "index.js"), "throw new Error('boom from the pack');\n");
        const error = await AnalyzerSession.start({ packDir: dir, startTimeoutMs: 20_000 }).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(PolicyPackStartError);
        expect((error as Error).message).toMatch(/exited .* before printing its port[\s\S]*boom from the pack/);
    });
    it("says to install the pack's dependencies when it has no @pulumi/pulumi", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uninstalled-pack-"));
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "uninstalled", version: "0.0.1" }));
        const error = await AnalyzerSession.start({ packDir: dir }).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(PolicyPackStartError);
        expect((error as Error).message).toMatch(/has no @pulumi\/pulumi to run with: run `npm install` in the pack's folder/);
    });
});
