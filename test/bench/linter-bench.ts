/**
 * `guardrail lint` on a 2,000-file synthetic program next to `tsc --noEmit` on the same files, and
 * a 10-file run as a pre-commit hook would make it, all in one run.
 */
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { writeSyntheticProgram } from "./synthetic-program";

const ROOT = path.resolve(__dirname, "../..");
const PRELOAD = path.join(__dirname, "report-peak-rss.cjs");
const GUARDRAIL = path.join(ROOT, "linter/bin/guardrail.js");
const TSC = require.resolve("typescript/bin/tsc");
const FILES = 2000;

interface Measured {
    ms: number;
    peakMb: number;
    code: number | null;
}

function measure(args: string[], cwd: string): Measured {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--require", PRELOAD, ...args], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
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

export async function benchLinter(): Promise<Record<string, number>> {
    const dir = path.join(os.tmpdir(), "guardrail-bench-program");
    const files = writeSyntheticProgram(dir, FILES, path.join(ROOT, "node_modules"));
    const all = repeat(3, () => measure([GUARDRAIL, "lint", "--format", "json", "--output-file", path.join(dir, "report.json"), "stacks", "shared"], dir));
    if (all.code !== 1) {
        throw new Error(`expected guardrail to report the seeded mistakes (exit 1), got ${all.code}`);
    }
    const tsc = repeat(2, () => measure([TSC, "--noEmit", "-p", "tsconfig.json"], dir));
    const ten = files.slice(0, 10).map((f) => path.relative(dir, f));
    const precommit = repeat(5, () => measure([GUARDRAIL, "lint", "--format", "json", "--output-file", path.join(dir, "report10.json"), ...ten], dir));

    const ratio = all.ms / tsc.ms;
    console.log(`linter: synthetic program of ${FILES} files (+2 shared), ~10 resources and 2 invokes each`);
    console.log(`  guardrail lint (all files)   ${(all.ms / 1000).toFixed(2)} s   peak ${all.peakMb.toFixed(0)} MB  (median of 3; target <= 0.25x tsc, < 400 MB)`);
    console.log(`  tsc --noEmit (same files)    ${(tsc.ms / 1000).toFixed(2)} s   peak ${tsc.peakMb.toFixed(0)} MB  (median of 2)`);
    console.log(`  ratio                        ${ratio.toFixed(2)}x`);
    console.log(`  guardrail lint (10 files)    ${(precommit.ms / 1000).toFixed(2)} s   peak ${precommit.peakMb.toFixed(0)} MB  (median of 5; target <= 0.5 s)`);
    return { lintAllMs: all.ms, lintAllPeakMb: all.peakMb, tscMs: tsc.ms, tscPeakMb: tsc.peakMb, ratio, lintTenMs: precommit.ms };
}
