import { createRequire } from "node:module";
import * as path from "node:path";
import { GUARDRAIL_BIN, TEST_ROOT } from "./under-test";

/**
 * The bundled CLI (the same `dist/cli.js` the bin runs: this checkout's, or the one installed from
 * the tarball in the Node 22/24 runs) called in the test worker instead of in a process per case.
 * `preview`, `check` and `audit` cases otherwise each start policy-pack processes, seconds of CPU
 * apiece; here the worker's runs share them through the CLI's own PackPool, each pack moved from
 * stack to stack as within one run (linter/src/engine/pack-sessions.ts).
 *
 * What this leaves out is the process boundary: the bin's own wrapper, Node's warnings on stderr,
 * signals and exit. Cases about those keep running the bin (runGuardrailAsync).
 */

interface Output {
    write(text: string): unknown;
}

interface PackPoolLike {
    pids(): number[];
}

interface BundledCli {
    main(argv: string[], ctx: { stdout: Output; stderr: Output; cwd: string; color: boolean; packs?: PackPoolLike }): Promise<number>;
    createPackPool(): PackPoolLike;
}

const POOL = Symbol.for("guardrail.test.in-process-pack-pool");

// Node's own require: the bundle is what users run, not sources for vitest to transform.
const cli = createRequire(__filename)(path.join(path.dirname(GUARDRAIL_BIN), "../dist/cli.js")) as BundledCli;

function pool(): PackPoolLike {
    const g = globalThis as { [POOL]?: PackPoolLike };
    if (!g[POOL]) {
        const created = cli.createPackPool();
        g[POOL] = created;
        // Synchronous, so that it runs in an exiting worker (the packs would also exit once their
        // parent is gone: they leave when their IPC channel closes).
        process.once("exit", () => {
            for (const pid of created.pids()) {
                try {
                    process.kill(pid, "SIGKILL");
                } catch {
                    // Already gone.
                }
            }
        });
    }
    return g[POOL];
}

let running = false;

/** `guardrail <args>` in `cwd`, as runGuardrailAsync would run it, without starting a process for it. */
export async function runGuardrailInProcess(args: string[], cwd = TEST_ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
    // Messages name files relative to the working directory, and the worker has one: one run at a time.
    if (running) {
        throw new Error("runGuardrailInProcess: one run at a time per worker");
    }
    running = true;
    const before = process.cwd();
    let stdout = "";
    let stderr = "";
    try {
        process.chdir(cwd);
        const code = await cli.main(["node", "guardrail", ...args], {
            stdout: { write: (s: string) => (stdout += s) },
            stderr: { write: (s: string) => (stderr += s) },
            cwd: path.resolve(cwd),
            color: false,
            packs: pool(),
        });
        return { code, stdout, stderr };
    } finally {
        process.chdir(before);
        running = false;
    }
}
