import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { GUARDRAIL_BIN } from "../linter/cli-helpers";

export const ROOT = path.resolve(__dirname, "../..");
export const STATE = path.join(ROOT, "test/fixtures/state");
export const EXPORTS = path.join(STATE, "exports");
export const BACKEND = path.join(STATE, "backend");
export const PACK = ["--policy-pack", path.join(ROOT, "policypack"), "--policy-pack-config", path.join(ROOT, "policypack/policy-config.json")];

export interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/** The installed bin, without blocking the test worker (an audit starts policy-pack processes). */
export function guardrail(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<Run> {
    return new Promise((resolve) => {
        execFile(process.execPath, [GUARDRAIL_BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}

interface JsonReport {
    findings: { ruleId: string; severity: string; file: string; message: string; urn?: string }[];
    summary: { stacksAudited: number; resourcesChecked: number; errors: number; warnings: number; problems: number };
    skipped?: string[];
    problems?: string[];
}

export function parseReport(run: Run): JsonReport {
    try {
        return JSON.parse(run.stdout) as JsonReport;
    } catch {
        throw new Error(`not a JSON report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
}

/** `<ruleId> <urn>` per finding, sorted: what a test compares exactly. */
export function verdicts(report: JsonReport, file?: (f: string) => boolean): string[] {
    return report.findings
        .filter((f) => !file || file(f.file))
        .map((f) => `${f.ruleId} ${f.urn ?? ""}`.trim())
        .sort();
}

/** A copy of a fixture folder in a scratch directory, for tests that add broken files to it. */
export function copyFixture(from: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-audit-"));
    fs.cpSync(from, dir, { recursive: true });
    return dir;
}
