/**
 * `guardrail lint` on a 2,000-file synthetic program next to `tsc --noEmit` on the same files, and
 * a 10-file run as a pre-commit hook would make it, all in one run.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expectedFindings, writeSyntheticProgram } from "./synthetic-program";

const ROOT = path.resolve(__dirname, "../..");
const PRELOAD = path.join(__dirname, "report-peak-rss.cjs");
const GUARDRAIL = path.join(ROOT, "linter/bin/guardrail.js");
const TSC = require.resolve("typescript/bin/tsc");
const FILES = 2000;
/** Warm runs of the linter and of tsc, taking turns. */
const PAIRS = 5;

interface Measured {
    ms: number;
    peakMb: number;
    code: number | null;
}

/** Where the measured runs keep the bin's code cache (linter/bin/code-cache.js, under the temporary folder): a cold run starts without it. */
const TMP = path.join(os.tmpdir(), "guardrail-bench-tmp");

function measure(args: string[], cwd: string): Measured {
    fs.mkdirSync(TMP, { recursive: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--require", PRELOAD, ...args], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, TMPDIR: TMP } });
    const ms = performance.now() - t0;
    const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr);
    if (!rss) {
        throw new Error(`benchmarked command failed: ${args.join(" ")}\n${r.stderr.slice(0, 2000)}`);
    }
    return { ms, peakMb: Number(rss[1]) / 1024, code: r.status };
}

function median(runs: Measured[]): Measured {
    const sorted = [...runs].sort((a, b) => a.ms - b.ms);
    return sorted[Math.floor(sorted.length / 2)];
}

function repeat(n: number, f: () => Measured): Measured {
    return median(Array.from({ length: n }, f));
}

/** Findings of a JSON report, checked against what the generator seeded. */
function checkReport(file: string, expected: number, what: string): void {
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as { findings: { ruleId: string; severity: string }[] };
    const errors = report.findings.filter((f) => f.severity === "error").length;
    if (errors !== expected || report.findings.length !== expected) {
        const byRule = new Map<string, number>();
        report.findings.forEach((f) => byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1));
        throw new Error(`${what}: expected exactly ${expected} findings, got ${report.findings.length} (${[...byRule].map(([r, n]) => `${r} ${n}`).join(", ")})`);
    }
}

export async function benchLinter(): Promise<Record<string, number>> {
    const dir = path.join(os.tmpdir(), "guardrail-bench-program");
    const files = writeSyntheticProgram(dir, FILES, path.join(ROOT, "node_modules"));
    const cache = path.join(ROOT, "node_modules/.cache/guardrail");
    const lintAll = () => measure([GUARDRAIL, "lint", "--format", "json", "--output-file", path.join(dir, "report.json"), "stacks", "shared"], dir);
    // Cold: nothing learnt of the SDKs yet and no compiled code kept; warm: both read from their caches.
    const coldStart = () => [cache, TMP].forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
    coldStart();
    const cold = lintAll();
    // The machine's speed drifts by 15% within minutes: runs of the two take turns, so that each
    // pair is timed in the same state of the machine, and the ratio compares like with like.
    const lints: Measured[] = [];
    const tscs: Measured[] = [];
    for (let i = 0; i < PAIRS; i++) {
        lints.push(lintAll());
        tscs.push(measure([TSC, "--noEmit", "-p", "tsconfig.json"], dir));
    }
    const all = median(lints);
    const tsc = median(tscs);
    if (all.code !== 1) {
        throw new Error(`expected guardrail to report the seeded mistakes (exit 1), got ${all.code}`);
    }
    checkReport(path.join(dir, "report.json"), expectedFindings(FILES), "guardrail lint on the whole program");
    const pairRatios = lints.map((l, i) => l.ms / tscs[i].ms).sort((a, b) => a - b);
    const ten = files.slice(0, 10).map((f) => path.relative(dir, f));
    const lintTen = () => measure([GUARDRAIL, "lint", "--format", "json", "--output-file", path.join(dir, "report10.json"), ...ten], dir);
    coldStart();
    const tenCold = lintTen();
    const precommit = repeat(5, lintTen);
    checkReport(path.join(dir, "report10.json"), expectedFindings(10), "guardrail lint on 10 files");

    const ratio = all.ms / tsc.ms;
    console.log(`linter: synthetic program of ${FILES} files (+2 shared), ~12 resources and 2 invokes each; ${expectedFindings(FILES)} seeded findings reported exactly`);
    console.log(`  guardrail lint (all files)   ${(all.ms / 1000).toFixed(2)} s   peak ${all.peakMb.toFixed(0)} MB  warm, median of ${PAIRS} (target <= 0.25x tsc, < 400 MB)`);
    console.log(`                               ${(cold.ms / 1000).toFixed(2)} s   peak ${cold.peakMb.toFixed(0)} MB  cold (no SDK or code cache)`);
    console.log(`  tsc --noEmit (same files)    ${(tsc.ms / 1000).toFixed(2)} s   peak ${tsc.peakMb.toFixed(0)} MB  (median of ${PAIRS}, taking turns with the linter)`);
    console.log(`  ratio                        ${ratio.toFixed(2)}x   (of the medians; run by run ${pairRatios[0].toFixed(2)}-${pairRatios[pairRatios.length - 1].toFixed(2)}x)`);
    console.log(`  guardrail lint (10 files)    ${(precommit.ms / 1000).toFixed(2)} s   peak ${precommit.peakMb.toFixed(0)} MB  warm, median of 5 (target <= 0.5 s)`);
    console.log(`                               ${(tenCold.ms / 1000).toFixed(2)} s   peak ${tenCold.peakMb.toFixed(0)} MB  cold`);
    return { lintAllMs: all.ms, lintAllColdMs: cold.ms, lintAllPeakMb: all.peakMb, tscMs: tsc.ms, tscPeakMb: tsc.peakMb, ratio, pairRatioMin: pairRatios[0], pairRatioMax: pairRatios[pairRatios.length - 1], lintTenMs: precommit.ms, lintTenColdMs: tenCold.ms };
}
