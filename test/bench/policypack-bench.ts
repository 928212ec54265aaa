/**
 * Analyze latency per resource for our pack next to a no-op pack, both driven over the engine
 * protocol by the same harness in the same run, and AnalyzeStack time over 10,000 resources.
 */
import * as path from "node:path";
import { AnalyzerSession, EngineResource } from "../../linter/src/engine/analyzer-session";
import { defaultAwsProvider, providerAsResource, resource } from "../harness/resources";
import { DEV, packConfig, PACK_DIR, PROD, subAccountProvider } from "../policypack/pack-fixtures";

const NOOP_PACK_DIR = path.resolve(__dirname, "../fixtures/noop-policypack");
const ANALYZE_WARMUP = 300;
const ANALYZE_SAMPLES = 6000;
const ANALYZE_ROUNDS = 12;
const STACK_SIZE = 10_000;
const STACK_RUNS = 3;

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

async function measureStack(session: AnalyzerSession, resources: EngineResource[]): Promise<number> {
    await session.analyzeStack(resources.slice(0, 500)); // warm-up
    const runs: number[] = [];
    for (let i = 0; i < STACK_RUNS; i++) {
        const t0 = performance.now();
        await session.analyzeStack(resources);
        runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    return runs[Math.floor(runs.length / 2)];
}

export async function benchPolicyPack(): Promise<Record<string, number>> {
    const resources = workload(STACK_SIZE);
    const ours = await AnalyzerSession.start({ packDir: PACK_DIR, policyConfig: packConfig() });
    const noop = await AnalyzerSession.start({ packDir: NOOP_PACK_DIR });
    try {
        const [noopStats, oursStats] = await measureAnalyze(noop, ours, resources);
        const stackOurs = await measureStack(ours, resources);
        const stackNoop = await measureStack(noop, resources);
        const ratio = oursStats.meanMs / noopStats.meanMs;
        console.log(`policy pack: Analyze per resource, ${ANALYZE_SAMPLES} calls per pack in ${ANALYZE_ROUNDS} interleaved blocks (Remediate + Analyze, as the engine calls them)`);
        console.log(`  no-op pack        mean ${noopStats.meanMs.toFixed(3)} ms  p50 ${noopStats.p50Ms.toFixed(3)} ms  p95 ${noopStats.p95Ms.toFixed(3)} ms`);
        console.log(`  guardrails pack   mean ${oursStats.meanMs.toFixed(3)} ms  p50 ${oursStats.p50Ms.toFixed(3)} ms  p95 ${oursStats.p95Ms.toFixed(3)} ms`);
        console.log(`  ratio             ${ratio.toFixed(2)}x mean, ${(oursStats.p50Ms / noopStats.p50Ms).toFixed(2)}x p50  (target <= 1.20x)`);
        console.log(`policy pack: AnalyzeStack over ${STACK_SIZE} resources (median of ${STACK_RUNS})`);
        console.log(`  no-op pack        ${stackNoop.toFixed(0)} ms`);
        console.log(`  guardrails pack   ${stackOurs.toFixed(0)} ms  (target < 2000 ms)`);
        return { analyzeMeanMs: oursStats.meanMs, noopAnalyzeMeanMs: noopStats.meanMs, analyzeRatio: ratio, analyzeStackMs: stackOurs, noopAnalyzeStackMs: stackNoop };
    } finally {
        await ours.close();
        await noop.close();
    }
}
