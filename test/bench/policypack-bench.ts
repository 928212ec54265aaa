/**
 * Analyze latency per resource for our pack next to a no-op pack, both driven over the engine
 * protocol by the same harness in the same run; AnalyzeStack time over 10,000 resources; and the
 * pack's cold start (spawn, ts-node, the engine's call sequence up to Configure).
 */
import * as path from "node:path";
import { AnalyzerSession, EngineResource } from "../../linter/src/engine/analyzer-session";
import { defaultAwsProvider, providerAsResource, resource } from "../harness/resources";
import { DEV, packConfig, PACK_DIR, PROD, subAccountProvider } from "../policypack/pack-fixtures";
import { encodeStackRequest, StackBench } from "./stack-request";

const NOOP_PACK_DIR = path.resolve(__dirname, "../fixtures/noop-policypack");
const ANALYZE_WARMUP = 300;
const ANALYZE_SAMPLES = 6000;
const ANALYZE_ROUNDS = 12;
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

async function timeBlock(session: AnalyzerSession, resources: EngineResource[], from: number, count: number, into: number[]): Promise<void> {
    for (let i = from; i < from + count; i++) {
        const t0 = performance.now();
        await session.analyze(resources[i % resources.length]);
        into.push(performance.now() - t0);
    }
}

/**
 * Both packs see the same resources in alternating blocks (order flipped every round), so machine
 * noise and JIT warm-up hit both alike rather than whichever ran second.
 */
async function measureAnalyze(a: AnalyzerSession, b: AnalyzerSession, resources: EngineResource[]): Promise<[AnalyzeStats, AnalyzeStats]> {
    const warm: number[] = [];
    await timeBlock(a, resources, 0, ANALYZE_WARMUP, warm);
    await timeBlock(b, resources, 0, ANALYZE_WARMUP, warm);
    const timesA: number[] = [];
    const timesB: number[] = [];
    const block = ANALYZE_SAMPLES / ANALYZE_ROUNDS;
    for (let round = 0; round < ANALYZE_ROUNDS; round++) {
        const from = round * block;
        if (round % 2 === 0) {
            await timeBlock(a, resources, from, block, timesA);
            await timeBlock(b, resources, from, block, timesB);
        } else {
            await timeBlock(b, resources, from, block, timesB);
            await timeBlock(a, resources, from, block, timesA);
        }
    }
    return [stats(timesA), stats(timesB)];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The pack's share of AnalyzeStack: the request encoded beforehand, as the engine (in Go) hands it
 * over. Both packs run side by side and take turns, so machine noise hits both alike.
 */
async function measureStack(resources: EngineResource[]): Promise<[number, number]> {
    const encoded = encodeStackRequest(resources);
    const warm = encodeStackRequest(resources.slice(0, 500));
    const ours = await StackBench.start(PACK_DIR, packConfig());
    const noop = await StackBench.start(NOOP_PACK_DIR, {});
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
        const bench = await StackBench.start(packDir, policyConfig);
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

export async function benchPolicyPack(): Promise<Record<string, number>> {
    const resources = workload(STACK_SIZE);
    const coldOurs = await measureColdStart(PACK_DIR, packConfig());
    const coldNoop = await measureColdStart(NOOP_PACK_DIR, {});
    const ours = await AnalyzerSession.start({ packDir: PACK_DIR, policyConfig: packConfig() });
    const noop = await AnalyzerSession.start({ packDir: NOOP_PACK_DIR });
    let noopStats: AnalyzeStats;
    let oursStats: AnalyzeStats;
    try {
        [noopStats, oursStats] = await measureAnalyze(noop, ours, resources);
    } finally {
        await ours.close();
        await noop.close();
    }
    const [stackOurs, stackNoop] = await measureStack(resources);
    const ratio = oursStats.meanMs / noopStats.meanMs;
    const p50Ratio = oursStats.p50Ms / noopStats.p50Ms;
    console.log(`policy pack: cold start, spawn to configured (median of ${COLD_STARTS})`);
    console.log(`  no-op pack        ${showCold(coldNoop)}`);
    console.log(`  guardrails pack   ${showCold(coldOurs)}`);
    console.log(`policy pack: Analyze per resource, ${ANALYZE_SAMPLES} calls per pack in ${ANALYZE_ROUNDS} interleaved blocks (Remediate + Analyze, as the engine calls them)`);
    console.log(`  no-op pack        mean ${noopStats.meanMs.toFixed(3)} ms  p50 ${noopStats.p50Ms.toFixed(3)} ms  p95 ${noopStats.p95Ms.toFixed(3)} ms`);
    console.log(`  guardrails pack   mean ${oursStats.meanMs.toFixed(3)} ms  p50 ${oursStats.p50Ms.toFixed(3)} ms  p95 ${oursStats.p95Ms.toFixed(3)} ms`);
    console.log(`  ratio             ${ratio.toFixed(2)}x mean, ${p50Ratio.toFixed(2)}x p50  (target <= 1.10x)`);
    console.log(`policy pack: AnalyzeStack over ${STACK_SIZE} resources, request pre-encoded as the engine sends it (median of ${STACK_RUNS}, the packs taking turns)`);
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
        analyzeStackMs: stackOurs,
        noopAnalyzeStackMs: stackNoop,
    };
}
