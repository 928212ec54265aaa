/**
 * The same backend layout served by a real S3-compatible server (s3rver, started here on the
 * loopback address) and read through `s3://...&endpoint=`, with the AWS SDK's usual credential
 * chain (here: the environment, with s3rver's default key pair).
 */
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Each audit starts policy-pack processes (seconds each, ts-node type-checks the pack): on a shared,
// loaded machine one run can take a minute, so these tests get more than the suite's default.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
import { addBrokenStacks, EXPECTED_BACKEND, EXPECTED_BROKEN } from "./backend-expectations";
import { BACKEND, copyFixture, guardrail, PACK, parseReport, ROOT, verdicts } from "./helpers";

const CREDENTIALS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" };
let server: S3rver;
let endpoint: string;

async function upload(s3: S3Client, bucket: string, prefix: string, dir: string): Promise<void> {
    for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (e.isFile()) {
            const full = path.join(e.parentPath, e.name);
            const key = prefix + path.relative(dir, full).split(path.sep).join("/");
            await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: fs.readFileSync(full) }));
        }
    }
}

beforeAll(async () => {
    server = new S3rver({
        address: "127.0.0.1",
        port: 0,
        silent: true,
        directory: fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-s3rver-")),
        configureBuckets: [{ name: "acme-pulumi-state", configs: [] }, { name: "empty-backend", configs: [] }],
    });
    const address = await server.run();
    endpoint = `http://127.0.0.1:${address.port}`;
    const s3 = new S3Client({
        region: "ap-southeast-2",
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        requestChecksumCalculation: "WHEN_REQUIRED",
    });
    const broken = copyFixture(BACKEND);
    addBrokenStacks(broken);
    await upload(s3, "acme-pulumi-state", "teams/platform/", broken);
    // A backend `pulumi login` has set up, with no stack yet.
    await s3.send(new PutObjectCommand({ Bucket: "empty-backend", Key: ".pulumi/meta.yaml", Body: "version: 1\n" }));
    s3.destroy();
});

afterAll(async () => {
    await server?.close();
});

const url = (bucket: string, rest = "") => `s3://${bucket}${rest}?region=ap-southeast-2&endpoint=${encodeURIComponent(endpoint)}&awssdk=v2`;

describe("guardrail audit s3://<bucket>/<prefix>", () => {
    it("reads every checkpoint under the prefix, reports the broken ones by name, and finds what file:// finds", async () => {
        const r = await guardrail(["audit", url("acme-pulumi-state", "/teams/platform"), ...PACK, "--format", "json"], undefined, CREDENTIALS);
        const report = parseReport(r);
        for (const [file, expected] of Object.entries(EXPECTED_BACKEND)) {
            expect(verdicts(report, (f) => f === `s3://acme-pulumi-state/teams/platform/.pulumi/stacks/${file}`), file).toEqual([...expected].sort());
        }
        expect(report.findings.filter((f) => f.ruleId === "unreadable-stack").map((f) => f.message).sort()).toEqual(EXPECTED_BROKEN);
        expect(report.summary).toMatchObject({ stacksAudited: 6, resourcesChecked: 15, errors: 12, problems: 0 });
        expect(r.code).toBe(1);
    });

    it("writes SARIF that the official SARIF Multitool validates, with the s3:// checkpoints as artifacts", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-audit-sarif-"));
        const file = path.join(dir, "audit.sarif");
        const r = await guardrail(["audit", url("acme-pulumi-state", "/teams/platform"), ...PACK, "--format", "sarif", "--output-file", file], undefined, CREDENTIALS);
        expect(r.code).toBe(1);
        const log = JSON.parse(fs.readFileSync(file, "utf8")) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
        const uris = new Set(log.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri));
        expect([...uris].every((u) => u.startsWith("s3://acme-pulumi-state/teams/platform/.pulumi/stacks/"))).toBe(true);
        const out = path.join(dir, "validation.sarif");
        const v = spawnSync(path.join(ROOT, "node_modules/.bin/sarif-multitool"), ["validate", file, "--output", out], { encoding: "utf8" });
        expect(v.status).toBe(0);
        const validation = JSON.parse(fs.readFileSync(out, "utf8")) as { runs: { results: { level: string; message: { text: string } }[] }[] };
        expect(validation.runs[0].results.filter((x) => x.level === "error").map((x) => x.message.text)).toEqual([]);
    });

    it("a prefix without a backend is a usage error, not an empty pass", async () => {
        const r = await guardrail(["audit", url("acme-pulumi-state", "/teams/elsewhere"), ...PACK], undefined, CREDENTIALS);
        expect(r.stderr).toMatch(/is not a self-managed backend: nothing under s3:\/\/acme-pulumi-state\/teams\/elsewhere\/\.pulumi\//);
        expect(r.code).toBe(2);
    });

    it("a bucket that does not exist: one line, exit 2", async () => {
        const missing = await guardrail(["audit", url("no-such-bucket"), ...PACK], undefined, CREDENTIALS);
        expect(missing.stderr).toMatch(/^guardrail: cannot list s3:\/\/no-such-bucket\/\.pulumi\/: NoSuchBucket: .*\(HTTP 404\)\n$/);
        expect(missing.code).toBe(2);
    });

    it("a backend with no stacks: nothing audited, said so, exit 0", async () => {
        const r = await guardrail(["audit", url("empty-backend"), ...PACK], undefined, CREDENTIALS);
        expect(r.stdout).toContain("no stacks\n✔ no problems (0 stacks audited and 0 resources checked)\n");
        expect(r.code).toBe(0);
    });
});
