import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeRunFailure } from "./run-failure";

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
    /** Inputs as wire values: secrets as signature objects, unknowns as the sentinel string, resource references with engine URNs. */
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
    /** Stack outputs, secrets unwrapped. */
    outputs: Record<string, unknown>;
    /** Why the run is not a result (the program threw, timed out, crashed, ...); empty when it is one. */
    errors: string[];
    /** What the SDK and the language host logged as warnings. */
    warnings: string[];
    /** The module's `default` export is a function the language host does not call (CommonJS). */
    programExportNotCalled?: boolean;
    /** Set by the runner when something called `process.exit()`. */
    exitCall?: { code: number; caller?: string };
}

/** Pulumi.yaml `runtime.options` of a nodejs project, as the language host reads them. */
export interface NodeRuntimeOptions {
    /** Register ts-node (default true). */
    typescript?: boolean;
    /** Extra arguments for node, space separated. */
    nodeargs?: string;
    /** tsconfig for ts-node, relative to the program folder. */
    tsconfigpath?: string;
}

export interface RunSettings {
    project: string;
    stack: string;
    organization: string;
    dryRun: boolean;
    /** Stack config `namespace:key` -> string (objects as JSON), as the engine passes it. */
    config: Record<string, string>;
    secretKeys: string[];
    /** Pulumi.yaml `main` (a file or folder relative to the project), "." when it has none. */
    main: string;
    runtimeOptions?: NodeRuntimeOptions;
}

/** What the runner process is told (GUARDRAIL_RUN). */
export interface RunnerSettings {
    project: string;
    stack: string;
    organization: string;
    dryRun: boolean;
    rootDirectory: string;
    /** Working directory of the program and the entry the host is given ("." or a file in it). */
    pwd: string;
    entry: string;
    /** Where the runner writes its ProgramRun when the process exits. */
    outFile: string;
}

export interface RunOptions {
    /** How long the program may run; then SIGTERM, and SIGKILL after a short grace. */
    timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;
/** How long a program that got SIGTERM may take to go before it is killed outright. */
const KILL_GRACE_MS = 2_000;
/** The tail of the runner's stderr kept for diagnosing crashes. */
const STDERR_KEPT = 64 * 1024;

/**
 * The working directory and entry the CLI hands the language host for Pulumi.yaml `main`
 * (pulumi/pulumi `getPwdMain`): a folder becomes the working directory with entry ".", a file
 * makes its folder the working directory.
 */
function programLocation(rootDir: string, main: string): { pwd: string; entry: string } {
    if (!main || main === ".") {
        return { pwd: rootDir, entry: "." };
    }
    if (path.isAbsolute(main)) {
        throw new Error(`project 'main' must be a relative path: ${main}`);
    }
    const full = path.resolve(rootDir, main);
    if (!full.startsWith(path.resolve(rootDir))) {
        throw new Error(`project 'main' must be a subfolder: ${main}`);
    }
    let stat: fs.Stats;
    try {
        stat = fs.statSync(full);
    } catch (e) {
        throw new Error(`project 'main' could not be read: ${(e as NodeJS.ErrnoException).code ?? String(e)} ${full}`);
    }
    return stat.isDirectory() ? { pwd: full, entry: "." } : { pwd: path.dirname(full), entry: path.basename(full) };
}

// The runner is plain JavaScript in its own process: the bundle beside the compiled CLI, or, when
// this module runs from its sources (the tests), the same bundle in linter/dist, which the test
// setup builds from the current sources. No TypeScript loader is in the program's process, as under
// `pulumi`: the language host registers its own ts-node, and its ES-module hooks only when node
// runs without other loaders.
const RUNNER = __filename.endsWith(".ts") ? path.resolve(__dirname, "../../dist/program-runner.js") : path.join(__dirname, "program-runner.js");

/** The language host's environment for the program (pulumi-language-nodejs). */
function programEnv(settings: RunSettings, runner: RunnerSettings): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        GUARDRAIL_RUN: JSON.stringify(runner),
        PULUMI_CONFIG: JSON.stringify(settings.config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(settings.secretKeys),
    };
    const options = settings.runtimeOptions ?? {};
    if (options.typescript ?? true) {
        env.PULUMI_NODEJS_TYPESCRIPT = "true";
    }
    if (options.tsconfigpath) {
        env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfigpath;
    }
    // The host lets ts-node type-check unless told otherwise. Type errors are tsc's job, and a
    // preview that only fails on them guards nothing, so by default we transpile only:
    // PULUMI_NODEJS_TRANSPILE_ONLY=false brings the check back. ES-module programs get ts-node's
    // defaults in the host (its hooks.js registers before it receives options), hence TS_NODE_*.
    if (env.PULUMI_NODEJS_TRANSPILE_ONLY === undefined) {
        env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
        env.TS_NODE_TRANSPILE_ONLY ??= "true";
    }
    return env;
}

/** Runs a program under mocks in a child process and returns what it registered. */
export function runProgramUnderMocks(rootDir: string, settings: RunSettings, options: RunOptions = {}): Promise<ProgramRun> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let location: { pwd: string; entry: string };
    try {
        location = programLocation(rootDir, settings.main);
    } catch (e) {
        return Promise.resolve(failedRun((e as Error).message));
    }
    if (!fs.existsSync(RUNNER)) {
        return Promise.resolve(failedRun(`the program runner ${RUNNER} is not built: run \`npm run build\``));
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-run-"));
    const out = path.join(tmp, "run.json");
    const runner: RunnerSettings = { project: settings.project, stack: settings.stack, organization: settings.organization, dryRun: settings.dryRun, rootDirectory: rootDir, ...location, outFile: out };
    const nodeArgs = (settings.runtimeOptions?.nodeargs ?? "").split(/\s+/).filter(Boolean);
    if (![...nodeArgs, process.env.NODE_OPTIONS ?? ""].some((a) => a.includes("--max-old-space-size"))) {
        // Node's default heap (about 4 GB) ends a program of some 10,000 resources under mocks;
        // allow most of the machine instead, unless the user chose a limit.
        nodeArgs.unshift(`--max-old-space-size=${programHeapMb()}`);
    }
    return new Promise((resolve) => {
        // Its own process group, so a timeout also ends whatever the program started.
        const child = spawn(process.execPath, [...nodeArgs, RUNNER], { cwd: location.pwd, env: programEnv(settings, runner), stdio: ["ignore", "ignore", "pipe"], detached: true });
        let stderr = "";
        child.stderr!.setEncoding("utf8");
        child.stderr!.on("data", (chunk: string) => {
            stderr = (stderr + chunk).slice(-STDERR_KEPT);
        });
        let timedOut = false;
        let killed = false;
        const signalGroup = (signal: NodeJS.Signals) => {
            try {
                process.kill(-child.pid!, signal);
            } catch {
                child.kill(signal);
            }
        };
        let graceTimer: NodeJS.Timeout | undefined;
        const timer = setTimeout(() => {
            timedOut = true;
            signalGroup("SIGTERM");
            graceTimer = setTimeout(() => {
                killed = true;
                signalGroup("SIGKILL");
            }, KILL_GRACE_MS);
        }, timeoutMs);
        let done = false;
        const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
            if (done) {
                return;
            }
            done = true;
            clearTimeout(timer);
            clearTimeout(graceTimer);
            let run: ProgramRun | undefined;
            try {
                run = JSON.parse(fs.readFileSync(out, "utf8")) as ProgramRun;
            } catch {
                run = undefined;
            }
            fs.rmSync(tmp, { recursive: true, force: true });
            const failure = describeRunFailure({ code, signal, stderr, run, timedOut, killed, timeoutMs, spawnError });
            const recorded = run ?? failedRun();
            resolve(failure ? { ...recorded, errors: failure } : { ...recorded, errors: [] });
        };
        child.once("error", (e) => finish(null, null, e));
        child.once("close", (code, signal) => finish(code, signal));
    });
}

/** The heap limit the program gets unless the user set one: three quarters of the machine's memory. */
export function programHeapMb(): number {
    return Math.floor((os.totalmem() / 1024 / 1024) * 0.75);
}

function failedRun(error?: string): ProgramRun {
    return { resources: [], invokes: [], outputs: {}, errors: error ? [error] : [], warnings: [] };
}
