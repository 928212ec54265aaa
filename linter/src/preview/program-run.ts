import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** What the SDK sent for one resource, as the engine would have received it. */
export interface RecordedResource {
    type: string;
    name: string;
    /** Engine-style URN (whole parent type chain). */
    urn: string;
    custom: boolean;
    parent?: string;
    /** Provider reference `urn::id`, empty when the SDK leaves the choice to the engine (default provider). */
    provider?: string;
    /** Component providers map (package -> reference). */
    providers: Record<string, string>;
    /** Version of the package the resource belongs to, e.g. 7.48.0. */
    packageVersion?: string;
    /** Inputs as wire values: secrets as signature objects, unknowns as the sentinel string. */
    inputs: Record<string, unknown>;
    /** True for `.get()` lookups. */
    read: boolean;
    /** Resource options the engine acts on that are set (registrations only). */
    options?: { protect?: true; importId?: string; ignoreChanges?: string[]; retainOnDelete?: true };
}

export interface RecordedInvoke {
    token: string;
    provider?: string;
    packageVersion?: string;
    args: Record<string, unknown>;
}

export interface ProgramRun {
    resources: RecordedResource[];
    invokes: RecordedInvoke[];
    outputs: Record<string, unknown>;
    /** Errors the program threw; a run with errors is not a result. */
    errors: string[];
}

export interface RunSettings {
    project: string;
    stack: string;
    organization: string;
    dryRun: boolean;
    /** Stack config `namespace:key` -> string (objects as JSON), as the engine passes it. */
    config: Record<string, string>;
    secretKeys: string[];
    /** The program's entry file, relative to its folder. */
    main: string;
}

// From the compiled CLI the runner is plain JavaScript; from sources (tests) it goes through tsx.
const FROM_SOURCES = __filename.endsWith(".ts");
const RUNNER = path.join(__dirname, FROM_SOURCES ? "program-runner.ts" : "program-runner.js");
const NODE_ARGS = FROM_SOURCES ? ["--import", "tsx"] : [];

/** Runs a program under mocks in a child process and returns what it registered. */
export function runProgramUnderMocks(programDir: string, settings: RunSettings, timeoutMs = 120_000): Promise<ProgramRun> {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-run-")), "run.json");
    const env = { ...process.env, GUARDRAIL_RUN: JSON.stringify(settings), PULUMI_CONFIG: JSON.stringify(settings.config) };
    return new Promise((resolve) => {
        execFile(process.execPath, [...NODE_ARGS, RUNNER, programDir, out], { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
            let run: ProgramRun | undefined;
            try {
                run = JSON.parse(fs.readFileSync(out, "utf8")) as ProgramRun;
            } catch {
                run = undefined;
            }
            fs.rmSync(path.dirname(out), { recursive: true, force: true });
            if (run) {
                resolve(run);
                return;
            }
            const why = error?.killed ? `it did not finish within ${timeoutMs / 1000} s` : stderr.trim().split("\n").slice(-5).join("\n") || String(error?.message);
            resolve({ resources: [], invokes: [], outputs: {}, errors: [`the program could not be run: ${why}`] });
        });
    });
}
