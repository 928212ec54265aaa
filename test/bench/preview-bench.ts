/**
 * `guardrail preview` on generated programs of 5,000 and 20,000 resources next to the floor: a bare
 * `pulumi.runtime.setMocks` run of the same program (the SDK's own mock mode, no recording, no
 * pack). Both load the program with ts-node (transpile only) and get the same heap limit; wall time
 * and CPU time and the peak memory of the whole process tree (CLI, program, policy pack) are measured
 * alike; on a shared machine CPU time is the steadier of the two times.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { programHeapMb } from "../../linter/src/preview/program-run";

const REPO = path.resolve(__dirname, "../..");
const WORK = path.join(REPO, "test/.tmp/bench-preview");
const GUARDRAIL = path.join(REPO, "linter/bin/guardrail.js");
/** BENCH_PREVIEW_SIZES=1000,2000 for a quick look; the README quotes the defaults. */
const SIZES = (process.env.BENCH_PREVIEW_SIZES ?? "5000,20000").split(",").map(Number);
const TARGET = 1.5;

/** A program of `count` resources: buckets on one provider that assumes a sub-account role. */
function writeProgram(count: number): string {
    const dir = path.join(WORK, `buckets-${count}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: bench-${count}\nruntime: nodejs\n`);
    fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config:\n  aws:region: ap-southeast-2\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `bench-${count}`, private: true, main: "index.ts" }));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2020", module: "commonjs", moduleResolution: "node", strict: true, skipLibCheck: true } }));
    // Provider and stack are resources too.
    const buckets = count - 2;
    fs.writeFileSync(
        path.join(dir, "index.ts"),
        `import * as aws from "@pulumi/aws";
const provider = new aws.Provider("shop-dev", { region: "ap-southeast-2", assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }], allowedAccountIds: ["222222222222"] });
for (let i = 0; i < ${buckets}; i++) {
    new aws.s3.Bucket(\`bucket-\${i}\`, { tags: { index: String(i), team: "bench" } }, { provider });
}
`,
    );
    return dir;
}

/** The floor: what a unit test with setMocks does, nothing more. */
const BARE_RUNNER = `
const path = require("node:path");
const dir = process.argv[1];
const req = require("node:module").createRequire(path.join(dir, "package.json"));
const pulumi = req("@pulumi/pulumi");
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: a.inputs }), call: (a) => a.inputs }, path.basename(dir), "bench", true).then(() => {
    req("ts-node").register({ transpileOnly: true, project: path.join(dir, "tsconfig.json") });
    process.chdir(dir);
    req(path.join(dir, "index.ts"));
});
`;

/** The process tree under `root` now: resident memory (KiB) and CPU seconds, including reaped children. */
function treeSample(root: number): { rssKb: number; cpuSeconds: number } {
    const parents = new Map<number, number>();
    const cpuTicks = new Map<number, number>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            // Fields after the command: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
            const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
            parents.set(Number(entry), Number(fields[1]));
            cpuTicks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
        } catch {
            // gone already
        }
    }
    const inTree = (pid: number): boolean => pid === root || (parents.has(pid) && pid !== 1 && inTree(parents.get(pid)!));
    let rssKb = 0;
    let ticks = 0;
    for (const pid of parents.keys()) {
        if (!inTree(pid)) {
            continue;
        }
        ticks += cpuTicks.get(pid) ?? 0;
        try {
            const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
            rssKb += m ? Number(m[1]) : 0;
        } catch {
            // gone already
        }
    }
    // USER_HZ is 100 on Linux.
    return { rssKb, cpuSeconds: ticks / 100 };
}

interface Measured {
    seconds: number;
    /** CPU time of the whole tree: on a shared machine less skewed by others than wall time. */
    cpuSeconds: number;
    peakMb: number;
    code: number | null;
    stdout: string;
    stderr: string;
}

function measure(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
    return new Promise((resolve) => {
        const started = performance.now();
        const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
        child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)));
        let peak = 0;
        let cpu = 0;
        const sampler = setInterval(() => {
            const now = treeSample(child.pid!);
            peak = Math.max(peak, now.rssKb);
            cpu = Math.max(cpu, now.cpuSeconds);
        }, 250);
        child.on("close", (code) => {
            clearInterval(sampler);
            resolve({ seconds: (performance.now() - started) / 1000, cpuSeconds: cpu, peakMb: peak / 1024, code, stdout, stderr });
        });
    });
}

function loadAverage(): string {
    return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

export async function benchPreview(): Promise<Record<string, number>> {
    const heap = `--max-old-space-size=${programHeapMb()}`;
    const results: Record<string, number> = {};
    console.log(`guardrail preview vs a bare setMocks run of the same program (ts-node transpile-only, node ${heap} for both; wall and CPU time, peak RSS of the process tree)`);
    for (const size of SIZES) {
        const dir = writeProgram(size);
        const loadBefore = loadAverage();
        const bare = await measure([heap, "-e", BARE_RUNNER, dir]);
        if (bare.code !== 0) {
            throw new Error(`the bare setMocks run of ${size} resources failed (${bare.code}): ${bare.stderr.trim().split("\n").slice(-3).join(" ")}`);
        }
        const preview = await measure([GUARDRAIL, "preview", dir, "--stack", "bench", "--timeout", "7200", "--format", "json"]);
        if (preview.code !== 0) {
            throw new Error(`guardrail preview of ${size} resources exited ${preview.code}: ${preview.stderr.trim().split("\n").slice(-3).join(" ")}`);
        }
        const findings = (JSON.parse(preview.stdout) as { findings: unknown[] }).findings.length;
        const timeRatio = preview.seconds / bare.seconds;
        const cpuRatio = preview.cpuSeconds / bare.cpuSeconds;
        const memRatio = preview.peakMb / bare.peakMb;
        console.log(`  ${size.toLocaleString("en")} resources (load average before: ${loadBefore}, after: ${loadAverage()})`);
        console.log(`    bare setMocks       ${bare.seconds.toFixed(1)} s wall, ${bare.cpuSeconds.toFixed(1)} s CPU, peak ${bare.peakMb.toFixed(0)} MB`);
        console.log(`    guardrail preview   ${preview.seconds.toFixed(1)} s wall, ${preview.cpuSeconds.toFixed(1)} s CPU, peak ${preview.peakMb.toFixed(0)} MB   (${findings} findings)`);
        console.log(`    ratio               ${timeRatio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x CPU, ${memRatio.toFixed(2)}x memory  (target <= ${TARGET.toFixed(1)}x)`);
        Object.assign(results, {
            [`bare${size}Seconds`]: bare.seconds,
            [`bare${size}CpuSeconds`]: bare.cpuSeconds,
            [`bare${size}PeakMb`]: bare.peakMb,
            [`preview${size}Seconds`]: preview.seconds,
            [`preview${size}CpuSeconds`]: preview.cpuSeconds,
            [`preview${size}PeakMb`]: preview.peakMb,
            [`preview${size}TimeRatio`]: timeRatio,
            [`preview${size}CpuRatio`]: cpuRatio,
            [`preview${size}MemoryRatio`]: memRatio,
        });
        fs.rmSync(dir, { recursive: true, force: true });
    }
    return results;
}
