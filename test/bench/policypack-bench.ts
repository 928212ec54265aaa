/**
 * Our pack next to a no-op pack, both driven over the engine protocol in the same run with requests
 * encoded beforehand as the engine sends them: Analyze per resource (Remediate + Analyze), AnalyzeStack
 * over 10,000 resources, and the pack's cold start (spawn, ts-node, the calls up to Configure).
 */
import * as path from "node:path";
import { EngineResource } from "../../linter/src/engine/analyzer-session";
import { defaultAwsProvider, providerAsResource, resource } from "../harness/resources";
import { policies } from "../../policy/policies";
import { DEV, packConfig, PACK_DIR, PROD, subAccountProvider } from "../policypack/pack-fixtures";
import { BenchPack, encodeAnalyzeRequest, encodeStackRequest } from "./bench-pack";

const NOOP_PACK_DIR = path.resolve(__dirname, "../fixtures/noop-policypack");
const ANALYZE_WARMUP = 300;
const ANALYZE_SAMPLES = 6000;
const STACK_SIZE = 10_000;
const STACK_RUNS = 5;
const COLD_STARTS = 3;

/** A realistic mix: mostly good resources on sub-account providers, some defaults and other packages. */
function workload(count: number): EngineResource[] {
    const dev = subAccountProvider(DEV, "dev");
    const prod = subAccountProvider(PROD, "prod");
    const out: EngineResource[] = [providerAsResource(dev), providerAsResource(prod)];
    for (let i = 0; out.length < count; i++) {
        const kind = i % 10;
        const provider = kind === 9 ? defaultAwsProvider() : kind % 2 === 0 ? dev : prod;
        const type = kind === 8 ? "random:index/randomId:RandomId" : kind % 3 === 0 ? "aws:sqs/queue:Queue" : "aws:s3/bucket:Bucket";
        out.push(resource(type, `r${i}`, { provider, properties: { tags: { team: "bench", index: String(i) } } }));
    }
    return out;
}

function percentile(sorted: number[], p: number): number {
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface AnalyzeStats {
    meanMs: number;
    p50Ms: number;
    p95Ms: number;
}

function stats(times: number[]): AnalyzeStats {
    const sorted = [...times].sort((a, b) => a - b);
    return { meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
}

interface AnalyzeResult extends AnalyzeStats {
    /** The pack process's CPU time per call (Remediate + Analyze), undefined off Linux. */
    cpuUs?: number;
}

/**
 * Every pack gets the same requests, taking turns call by call (who goes first rotates), so load on
 * a shared machine hits all alike.
 */
async function measureAnalyze(packs: BenchPack[], requests: Uint8Array[]): Promise<AnalyzeResult[]> {
    for (let i = 0; i < ANALYZE_WARMUP; i++) {
        for (const pack of packs) {
            await pack.analyze(requests[i % requests.length]);
        }
    }
    const times: number[][] = packs.map(() => []);
    const cpuBefore = packs.map((p) => p.cpuMs());
    for (let i = 0; i < ANALYZE_SAMPLES; i++) {
        const req = requests[i % requests.length];
        for (let j = 0; j < packs.length; j++) {
            const k = (i + j) % packs.length;
            const t0 = performance.now();
            await packs[k].analyze(req);
            times[k].push(performance.now() - t0);
        }
    }
    const cpuAfter = packs.map((p) => p.cpuMs());
    return packs.map((_, k) => {
        const before = cpuBefore[k];
        const after = cpuAfter[k];
        return { ...stats(times[k]), cpuUs: before === undefined || after === undefined ? undefined : ((after - before) * 1000) / ANALYZE_SAMPLES };
    });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The pack's share of AnalyzeStack: the request encoded beforehand, as the engine (in Go) hands it
 * over. Both packs run side by side and take turns, so machine noise hits both alike.
 */
async function measureStack(resources: EngineResource[]): Promise<[number, number]> {
    const encoded = encodeStackRequest(resources);
    const warm = encodeStackRequest(resources.slice(0, 500));
    const ours = await BenchPack.start(PACK_DIR, packConfig());
    const noop = await BenchPack.start(NOOP_PACK_DIR, {});
    try {
        await ours.analyzeStack(warm);
        await noop.analyzeStack(warm);
        const runs: [number[], number[]] = [[], []];
        for (let round = 0; round < STACK_RUNS; round++) {
            const order = round % 2 === 0 ? [0, 1] : [1, 0];
            for (const i of order) {
                const t0 = performance.now();
                await [ours, noop][i].analyzeStack(encoded);
                runs[i].push(performance.now() - t0);
            }
        }
        return [median(runs[0]), median(runs[1])];
    } finally {
        await ours.close();
        await noop.close();
    }
}

/**
 * Start to configured: spawn, `run-policy-pack` (ts-node type-checks the pack, as `pulumi preview`
 * runs it), then the engine's calls up to Configure. Wall time is what a user waits; the pack's own
 * CPU time is printed too, because on a shared machine it is the steadier number.
 */
async function measureColdStart(packDir: string, policyConfig: Record<string, unknown>): Promise<{ wallMs: number; cpuMs?: number }> {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
        const t0 = performance.now();
        const bench = await BenchPack.start(packDir, policyConfig);
        wall.push(performance.now() - t0);
        const used = bench.cpuMs();
        if (used !== undefined) {
            cpu.push(used);
        }
        await bench.close();
    }
    return { wallMs: median(wall), cpuMs: cpu.length > 0 ? median(cpu) : undefined };
}

const showCold = (c: { wallMs: number; cpuMs?: number }) => `${c.wallMs.toFixed(0)} ms${c.cpuMs === undefined ? "" : ` (pack CPU ${c.cpuMs.toFixed(0)} ms)`}`;

const showCpu = (r: AnalyzeResult) => (r.cpuUs === undefined ? "" : `  pack CPU ${r.cpuUs.toFixed(0)} us/call`);

export async function benchPolicyPack(): Promise<Record<string, number>> {
    const resources = workload(STACK_SIZE);
    const coldOurs = await measureColdStart(PACK_DIR, packConfig());
    const coldNoop = await measureColdStart(NOOP_PACK_DIR, {});
    const requests = resources.slice(0, 1000).map(encodeAnalyzeRequest);
    const ours = await BenchPack.start(PACK_DIR, packConfig());
    const noop = await BenchPack.start(NOOP_PACK_DIR, {});
    const resourcePolicies = policies.filter((p) => "validateResource" in p).length;
    const noopAlike = await BenchPack.start(NOOP_PACK_DIR, {}, { NOOP_RESOURCE_POLICIES: String(resourcePolicies) });
    let oursStats: AnalyzeResult;
    let noopStats: AnalyzeResult;
    let alikeStats: AnalyzeResult;
    try {
        [oursStats, noopStats, alikeStats] = await measureAnalyze([ours, noop, noopAlike], requests);
    } finally {
        await ours.close();
        await noop.close();
        await noopAlike.close();
    }
    const [stackOurs, stackNoop] = await measureStack(resources);
    const ratio = oursStats.meanMs / noopStats.meanMs;
    const p50Ratio = oursStats.p50Ms / noopStats.p50Ms;
    const line = (r: AnalyzeResult) => `mean ${r.meanMs.toFixed(3)} ms  p50 ${r.p50Ms.toFixed(3)} ms  p95 ${r.p95Ms.toFixed(3)} ms${showCpu(r)}`;
    console.log(`policy pack: cold start, spawn to configured (median of ${COLD_STARTS})`);
    console.log(`  no-op pack        ${showCold(coldNoop)}`);
    console.log(`  guardrails pack   ${showCold(coldOurs)}`);
    console.log(`policy pack: Analyze per resource, ${ANALYZE_SAMPLES} calls per pack, the packs taking turns (Remediate + Analyze, requests pre-encoded)`);
    const cpuRatio = (a: AnalyzeResult, b: AnalyzeResult) => (a.cpuUs !== undefined && b.cpuUs ? `, ${(a.cpuUs / b.cpuUs).toFixed(2)}x pack CPU` : "");
    console.log(`  no-op pack        ${line(noopStats)}`);
    console.log(`  no-op, ${resourcePolicies} policies ${line(alikeStats)}`);
    console.log(`  guardrails pack   ${line(oursStats)}`);
    console.log(`  ratio             ${ratio.toFixed(2)}x mean, ${p50Ratio.toFixed(2)}x p50${cpuRatio(oursStats, noopStats)}  (target <= 1.10x)`);
    console.log(
        `  @pulumi/policy's own share: ${resourcePolicies} no-op policies cost ${(alikeStats.meanMs / noopStats.meanMs).toFixed(2)}x mean, ` +
            `${(alikeStats.p50Ms / noopStats.p50Ms).toFixed(2)}x p50${cpuRatio(alikeStats, noopStats)} of one`,
    );
    console.log(`policy pack: AnalyzeStack over ${STACK_SIZE} resources, request pre-encoded (median of ${STACK_RUNS}, the packs taking turns)`);
    console.log(`  no-op pack        ${stackNoop.toFixed(0)} ms`);
    console.log(`  guardrails pack   ${stackOurs.toFixed(0)} ms  (target < 1000 ms)`);
    return {
        coldStartMs: coldOurs.wallMs,
        coldStartCpuMs: coldOurs.cpuMs ?? NaN,
        noopColdStartMs: coldNoop.wallMs,
        analyzeMeanMs: oursStats.meanMs,
        noopAnalyzeMeanMs: noopStats.meanMs,
        analyzeRatio: ratio,
        analyzeP50Ratio: p50Ratio,
        noopSamePoliciesAnalyzeMeanMs: alikeStats.meanMs,
        analyzeStackMs: stackOurs,
        noopAnalyzeStackMs: stackNoop,
    };
}
