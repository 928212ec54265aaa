/**
 * The ESLint plugin as an editor runs it: one long-lived ESLint (Node API, typescript-eslint's parser,
 * `guardrail.configs.recommended`) linting one file of the 2,000-file synthetic program at a time.
 * Cold is the first file in a fresh process; warm are files opened after it and edits of one file
 * (its unsaved text). Every result is checked against what the generator seeded.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { FINDINGS_PER_FAULTY_FILE, writeSyntheticProgram } from "./synthetic-program";

const ROOT = path.resolve(__dirname, "../..");
const PRELOAD = path.join(__dirname, "report-peak-rss.cjs");
const DRIVER = path.join(__dirname, "eslint-bench-driver.cjs");
const FILES = 2000;
const OPENED = 20;

interface Lint {
    ms: number;
    cpuMs: number;
    messages: { ruleId: string | null; fatal: boolean; message: string }[];
}

interface DriverOutput {
    cold: number;
    coldCpu: number;
    coldMessages: Lint["messages"];
    opened: (Lint & { file: string })[];
    edits: Lint[];
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function quantile(values: number[], q: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Stack files are faulty every fifth (see synthetic-program.ts). */
function check(file: string, messages: Lint["messages"]): void {
    const faulty = Number(/stack(\d+)\.ts$/.exec(file)![1]) % 5 === 0;
    const guardrail = messages.filter((m) => m.ruleId?.startsWith("guardrail/"));
    if (messages.some((m) => m.fatal) || guardrail.length !== messages.length || guardrail.length !== (faulty ? FINDINGS_PER_FAULTY_FILE : 0)) {
        throw new Error(`eslint on ${file}: expected ${faulty ? FINDINGS_PER_FAULTY_FILE : 0} guardrail findings, got ${JSON.stringify(messages)}`);
    }
}

function drive(dir: string, files: string[]): { out: DriverOutput; peakMb: number } {
    const r = spawnSync(process.execPath, ["--require", PRELOAD, DRIVER, JSON.stringify(files)], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr);
    if (r.status !== 0 || !rss) {
        throw new Error(`eslint bench driver failed:\n${r.stderr.slice(0, 3000)}`);
    }
    const out = JSON.parse(r.stdout) as DriverOutput;
    check(files[0], out.coldMessages);
    out.opened.forEach((o) => check(o.file, o.messages));
    out.edits.forEach((e) => check(files[0], e.messages));
    return { out, peakMb: Number(rss[1]) / 1024 };
}

export async function benchEslint(): Promise<Record<string, number>> {
    const dir = path.join(os.tmpdir(), "guardrail-eslint-bench-program");
    const files = writeSyntheticProgram(dir, FILES, path.join(ROOT, "node_modules")).map((f) => path.relative(dir, f));
    // The built plugin, as the package ships it (linter/dist/eslint.js), with typescript-eslint's parser.
    fs.writeFileSync(
        path.join(dir, "eslint.config.mjs"),
        `import tseslint from "typescript-eslint";
import guardrail from ${JSON.stringify(pathToFileURL(path.join(ROOT, "linter/dist/eslint.js")).href)};
export default [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }, guardrail.configs.recommended];
`,
    );
    // Spread over the program; the first (the one edited) has the seeded mistakes.
    const picked = Array.from({ length: OPENED + 1 }, (_, i) => files[(i * 97) % FILES]);
    const cache = path.join(ROOT, "node_modules/.cache/guardrail");
    fs.rmSync(cache, { recursive: true, force: true });
    const noCache = drive(dir, picked);
    const { out, peakMb } = drive(dir, picked);

    const opened = out.opened.map((o) => o.ms);
    const edits = out.edits.map((e) => e.ms);
    const cpu = (lints: Lint[]) => `CPU ${median(lints.map((l) => l.cpuMs)).toFixed(0)} ms`;
    const load = os.loadavg()[0];
    console.log(`eslint: one file of the ${FILES}-file synthetic program through ESLint's Node API (typescript-eslint parser, guardrail.configs.recommended); every result checked against the seeded mistakes`);
    console.log(`  warm, an edit of the open file   median ${median(edits).toFixed(0)} ms, p90 ${quantile(edits, 0.9).toFixed(0)} ms over ${edits.length} edits (target <= 100 ms); ${cpu(out.edits)}`);
    console.log(`  warm, another file opened        median ${median(opened).toFixed(0)} ms, p90 ${quantile(opened, 0.9).toFixed(0)} ms over ${opened.length} files; ${cpu(out.opened)}`);
    console.log(`  cold, first file of a process    ${out.cold.toFixed(0)} ms, CPU ${out.coldCpu.toFixed(0)} ms (SDK summaries cached on disk); ${noCache.out.cold.toFixed(0)} ms, CPU ${noCache.out.coldCpu.toFixed(0)} ms with no cache`);
    console.log(`  peak ${peakMb.toFixed(0)} MB; load average ${load.toFixed(1)} on ${os.cpus().length} cores while measured`);
    return { editCpuMs: median(out.edits.map((e) => e.cpuMs)), editMedianMs: median(edits), editP90Ms: quantile(edits, 0.9), openedMedianMs: median(opened), coldMs: out.cold, coldNoCacheMs: noCache.out.cold, peakMb, load };
}
