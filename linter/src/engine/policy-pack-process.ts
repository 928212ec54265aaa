import { GuardrailError } from "../errors";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

export interface StackIdentity {
    stack: string;
    project: string;
    organization: string;
    /** true for `pulumi preview`, false for `pulumi up`. */
    dryRun: boolean;
    /** Stack config as the engine hands it to the pack: `namespace:key` -> string, secrets decrypted. */
    config: Record<string, string>;
}

export interface StartOptions {
    packDir: string;
    stack: StackIdentity;
    /** How long the pack may take to print its port. */
    startTimeoutMs?: number;
    /**
     * Start the pack so that it can be moved to another stack later (`setStack`): a pack takes
     * seconds to start (ts-node type-checks it), too long to start one per stack when auditing many.
     */
    reusable?: boolean;
    /** Stops a pack that is still starting (its caller no longer needs it). */
    signal?: AbortSignal;
}

export interface RunningPolicyPack {
    port: number;
    /** The pack folder. */
    dir: string;
    process: ChildProcess;
    /** Only for a `reusable` pack: what the engine would have started it with for another stack. */
    setStack?(stack: StackIdentity): Promise<void>;
    /** SIGTERM, then SIGKILL if the pack has not gone after a short grace. */
    stop(): Promise<void>;
}

/** How long a pack may take to exit after SIGTERM before it is killed. */
const STOP_GRACE_MS = 2_000;

/** A pack that failed to start, with what it said. */
export class PolicyPackStartError extends GuardrailError {
    constructor(message: string, readonly stderr: string) {
        super(stderr.trim() ? `${message}\n${stderr.trim()}` : message);
        this.name = "PolicyPackStartError";
    }
}

/**
 * Starts a policy pack the way the Pulumi CLI's Node.js language host does: `node run-policy-pack
 * <engine-address> <packDir>` with the pack folder as working directory and the stack described in
 * the environment. The first stdout line is the gRPC port.
 */
/**
 * The `run-policy-pack` script of the pack's own @pulumi/pulumi, resolved from the pack folder as the
 * language host resolves it: the pack runs with its own SDK, TypeScript and ts-node.
 */
function runPolicyPackScript(packDir: string): string {
    try {
        return createRequire(path.join(packDir, "package.json")).resolve("@pulumi/pulumi/cmd/run-policy-pack");
    } catch {
        throw new PolicyPackStartError(`policy pack ${packDir} has no @pulumi/pulumi to run with: run \`npm install\` in the pack's folder`, "");
    }
}

/** The environment the language host starts a pack with for `stack`. */
function stackEnvironment(stack: StackIdentity): Record<string, string> {
    return {
        PULUMI_CONFIG: JSON.stringify(stack.config),
        PULUMI_NODEJS_STACK: stack.stack,
        PULUMI_NODEJS_PROJECT: stack.project,
        PULUMI_NODEJS_ORGANIZATION: stack.organization,
        PULUMI_NODEJS_DRY_RUN: String(stack.dryRun),
    };
}

/** The bundled preload (`dist/stack-switch-preload.js`), next to the CLI bundle or, from sources, in dist/. */
function stackSwitchPreload(): string {
    const candidates = [path.join(__dirname, "stack-switch-preload.js"), path.resolve(__dirname, "../../dist/stack-switch-preload.js")];
    const found = candidates.find((c) => fs.existsSync(c));
    if (!found) {
        throw new PolicyPackStartError("the CLI is not built (no dist/stack-switch-preload.js): run `npm run build`", "");
    }
    return found;
}

let switchSeq = 0;

/** Moves a reusable pack to another stack and waits until it says so (see stack-switch-preload.ts). */
function sendStack(child: ChildProcess, stack: StackIdentity): Promise<void> {
    const seq = ++switchSeq;
    return new Promise((resolve, reject) => {
        const onMessage = (m: unknown) => {
            if (typeof m === "object" && m !== null && (m as { seq?: unknown }).seq === seq) {
                child.off("message", onMessage);
                child.off("exit", onExit);
                resolve();
            }
        };
        const onExit = () => {
            child.off("message", onMessage);
            reject(new GuardrailError("the policy pack exited while being moved to another stack"));
        };
        child.on("message", onMessage);
        child.once("exit", onExit);
        child.send({ type: "guardrail:set-stack", seq, env: stackEnvironment(stack) });
    });
}

export function startPolicyPack(options: StartOptions): Promise<RunningPolicyPack> {
    const packDir = path.resolve(options.packDir);
    let script: string;
    let preload: string[];
    try {
        script = runPolicyPackScript(packDir);
        preload = options.reusable ? ["--require", stackSwitchPreload()] : [];
    } catch (e) {
        return Promise.reject(e);
    }
    const { stack } = options;
    const env: NodeJS.ProcessEnv = { ...process.env, ...stackEnvironment(stack) };
    // The engine never connects to a pack through this address; @pulumi/policy ignores it.
    const engineAddress = "127.0.0.1:0";
    const child = spawn(process.execPath, [...preload, script, engineAddress, packDir], {
        cwd: packDir,
        env,
        stdio: options.reusable ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
        stderr += chunk;
    });

    const stop = () =>
        new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) {
                resolve();
                return;
            }
            const kill = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
            child.once("exit", () => {
                clearTimeout(kill);
                resolve();
            });
            child.kill("SIGTERM");
        });

    return new Promise((resolve, reject) => {
        const timeoutMs = options.startTimeoutMs ?? 60_000;
        const timer = setTimeout(() => {
            void stop();
            reject(new PolicyPackStartError(`policy pack ${packDir} did not print its port within ${timeoutMs} ms`, stderr));
        }, timeoutMs);
        const lines = createInterface({ input: child.stdout! });
        lines.once("line", (line) => {
            clearTimeout(timer);
            const port = Number(line.trim());
            if (!Number.isInteger(port) || port <= 0) {
                void stop();
                reject(new PolicyPackStartError(`policy pack ${packDir} printed "${line}" instead of its port first`, stderr));
                return;
            }
            resolve({ port, dir: packDir, process: child, stop, ...(options.reusable ? { setStack: (next: StackIdentity) => sendStack(child, next) } : {}) });
        });
        child.once("exit", (code, signal) => {
            clearTimeout(timer);
            reject(new PolicyPackStartError(`policy pack ${packDir} exited (${signal ?? `code ${code}`}) before printing its port`, stderr));
        });
        child.once("error", (err) => {
            clearTimeout(timer);
            reject(new PolicyPackStartError(`cannot start policy pack ${packDir}: ${err.message}`, stderr));
        });
        options.signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            void stop();
            reject(new PolicyPackStartError(`policy pack ${packDir}: start cancelled`, stderr));
        });
    });
}
