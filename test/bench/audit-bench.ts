/**
 * `guardrail audit` over a generated self-managed backend: 100 stacks × 1,000 resources (10 projects
 * of 10 stacks; every tenth checkpoint gzipped, every tenth stack with a default provider), timed as
 * a user runs it: the installed bin, `file://` source, JSON report to a file. Target: < 30 s.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";

const ROOT = path.resolve(__dirname, "../..");
const GUARDRAIL = path.join(ROOT, "linter/bin/guardrail.js");
const PROJECTS = 10;
const STACKS_PER_PROJECT = 10;
const RESOURCES_PER_STACK = 1000;
const TARGET_S = 30;

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:c2VjcmV0LWNpcGhlcnRleHQtZm9yLWJlbmNo==" };

/** One stack's checkpoint, shaped like real state: providers, components with children, inputs and outputs. */
function checkpoint(project: string, stack: string, account: string, withDefault: boolean): object {
    const urn = (type: string, name: string, parents: string[] = []) => `urn:pulumi:${stack}::${project}::${[...parents, type].join("$")}::${name}`;
    const stackUrn = urn("pulumi:pulumi:Stack", `${project}-${stack}`);
    const resources: Record<string, unknown>[] = [{ urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: { url: `https://${project}.example.com` } }];
    const provider = (name: string, inputs: Record<string, string>) => {
        const id = `${name}-0000-4000-8000-${account}`;
        resources.push({ urn: urn("pulumi:providers:aws", name), custom: true, id, type: "pulumi:providers:aws", inputs, outputs: inputs, parent: name.startsWith("default") ? undefined : stackUrn });
        return `${urn("pulumi:providers:aws", name)}::${id}`;
    };
    const v7 = { region: "ap-southeast-2", skipCredentialsValidation: "false", skipRegionValidation: "true", version: "7.48.0" };
    const target = provider("target", { ...v7, assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${account}:role/Admin` }]), allowedAccountIds: JSON.stringify([account]) });
    const fallback = withDefault ? provider("default_7_48_0", v7) : target;
    for (let c = 0; resources.length < RESOURCES_PER_STACK; c++) {
        const componentUrn = urn("acme:web:Site", `site-${c}`);
        resources.push({ urn: componentUrn, custom: false, type: "acme:web:Site", parent: stackUrn, outputs: {} });
        for (let i = 0; i < 9 && resources.length < RESOURCES_PER_STACK; i++) {
            const name = `site-${c}-${i}`;
            const bucket = `${name}-${account.slice(-4)}a1b2c3`;
            const kind = i % 3;
            const type = kind === 0 ? "aws:s3/bucket:Bucket" : kind === 1 ? "aws:sqs/queue:Queue" : "aws:s3/bucketPolicy:BucketPolicy";
            resources.push({
                urn: urn(type, name, ["acme:web:Site"]),
                custom: true,
                id: bucket,
                type,
                inputs: {
                    __defaults: ["bucket"],
                    bucket,
                    tags: { team: project, stack, index: String(i), token: i === 4 ? SECRET : "none" },
                    ...(kind === 2 ? { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `arn:aws:s3:::${bucket}/*`, Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) } : {}),
                },
                outputs: { arn: `arn:aws:s3:::${bucket}`, bucket, id: bucket, region: "ap-southeast-2", tags: { team: project }, tagsAll: { team: project } },
                parent: componentUrn,
                provider: i === 8 ? fallback : target,
                dependencies: i > 0 ? [urn("aws:s3/bucket:Bucket", `site-${c}-0`, ["acme:web:Site"])] : [],
            });
        }
    }
    return { version: 3, checkpoint: { stack: `organization/${project}/${stack}`, latest: { manifest: { time: "2025-11-20T09:14:03Z", magic: "bench", version: "v3.248.0" }, resources } } };
}

export function writeBackend(dir: string, projects = PROJECTS): void {
    let n = 0;
    for (let p = 0; p < projects; p++) {
        const project = `service-${p}`;
        fs.mkdirSync(path.join(dir, ".pulumi/stacks", project), { recursive: true });
        for (let s = 0; s < STACKS_PER_PROJECT; s++, n++) {
            const text = JSON.stringify(checkpoint(project, `env-${s}`, String(200000000000 + n), n % 10 === 3), null, 4);
            const file = path.join(dir, ".pulumi/stacks", project, `env-${s}.json`);
            if (n % 10 === 7) {
                fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
            } else {
                fs.writeFileSync(file, text);
            }
        }
    }
    fs.writeFileSync(path.join(dir, ".pulumi/meta.yaml"), "version: 1\n");
}

export async function benchAudit(): Promise<Record<string, number>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-audit-bench-"));
    try {
        writeBackend(dir);
        // A user's state is on disk before the audit starts; 140 MB just written would still be
        // flushing beside the audit, timing the kernel's write-back instead.
        spawnSync("sync");
        const out = path.join(dir, "report.json");
        const load = os.loadavg()[0];
        const args = [GUARDRAIL, "audit", `file://${dir}`, "--policy-pack", path.join(ROOT, "policypack"), "--policy-pack-config", path.join(ROOT, "policypack/policy-config.json"), "--format", "json", "--output-file", out];
        // bash's `time` also counts the pack processes (children the CLI waits for): CPU seconds say
        // more than wall time when other work shares the machine.
        const quoted = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
        const t0 = performance.now();
        const r = spawnSync("bash", ["-c", `time -p ${quoted}`], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
        const seconds = (performance.now() - t0) / 1000;
        const cpu = (key: string) => Number(new RegExp(`^${key} ([0-9.]+)$`, "m").exec(r.stderr)?.[1] ?? NaN);
        const cpuSeconds = cpu("user") + cpu("sys");
        if (r.status !== 1 || !fs.existsSync(out)) {
            throw new Error(`guardrail audit exited ${r.status} (expected 1: the default-provider stacks):\n${r.stderr.slice(-2000)}`);
        }
        const summary = (JSON.parse(fs.readFileSync(out, "utf8")) as { summary: { stacksAudited: number; resourcesChecked: number; errors: number } }).summary;
        const perSecond = summary.resourcesChecked / seconds;
        console.log(`guardrail audit: ${summary.stacksAudited} stacks x ${RESOURCES_PER_STACK} resources (file:// backend, installed bin, ${os.availableParallelism()} cores, load average ${load.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end)`);
        console.log(`  ${seconds.toFixed(1)} s, ${Math.round(perSecond).toLocaleString("en-US")} resources/s, ${summary.errors} mandatory violations  (target < ${TARGET_S} s)`);
        console.log(`  CPU ${cpuSeconds.toFixed(1)} s (CLI and pack processes), i.e. ${(cpuSeconds / os.availableParallelism()).toFixed(1)} s on ${os.availableParallelism()} otherwise idle cores`);
        return { auditSeconds: seconds, auditResourcesPerSecond: perSecond, auditCpuSeconds: cpuSeconds };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
