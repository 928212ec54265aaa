import type { ProgramRun } from "./program-run";

/** How the program's process ended, as the parent saw it. */
export interface RunEnd {
    code: number | null;
    signal: NodeJS.Signals | null;
    /** The tail of its stderr. */
    stderr: string;
    /** What the runner wrote on exit, if it got that far. */
    run?: ProgramRun;
    timedOut: boolean;
    /** The timeout's SIGTERM was ignored and SIGKILL followed. */
    killed: boolean;
    timeoutMs: number;
    spawnError?: Error;
}

/** Lines of stderr that say something: no stack frames, no V8 GC traces, no blank lines. */
function meaningfulLines(stderr: string): string[] {
    return stderr
        .split("\n")
        .map((l) => l.trimEnd())
        .filter(
            (l) =>
                l.trim() !== "" &&
                // JavaScript and native stack frames, V8's GC trace and its section banners
                !/^\s+at\s/.test(l) &&
                !/^\s*\d+: /.test(l) &&
                !/^\s*(<---|-----|\[\d+:0x|=+)/.test(l) &&
                !l.includes("--trace-deprecation") &&
                !l.includes("ExperimentalWarning") &&
                !/\(node:\d+\) \[DEP/.test(l),
        );
}

/** The heap size V8 reported in its last GC line before giving up, e.g. 4095.6. */
function heapAtDeath(stderr: string): string | undefined {
    const sizes = [...stderr.matchAll(/->\s*([\d.]+)\s*\(([\d.]+)\)\s*MB/g)];
    const last = sizes[sizes.length - 1];
    return last ? `${Math.round(Number(last[2]))} MB` : undefined;
}

function isSdkFrame(caller: string | undefined): boolean {
    return !!caller && /[\\/]@pulumi[\\/]pulumi[\\/]/.test(caller);
}

/**
 * One clear line (or the program's own error messages) for a run that is not a result; undefined
 * when the program ran to the end. Never a V8 stack.
 */
export function describeRunFailure(end: RunEnd): string[] | undefined {
    const seconds = end.timeoutMs / 1000;
    if (end.spawnError) {
        return [`the program could not be started: ${end.spawnError.message}`];
    }
    if (end.timedOut) {
        const how = end.killed ? "; it ignored SIGTERM and was killed" : "";
        return [`the program did not finish within ${seconds} s (--timeout ${seconds})${how}`];
    }
    if (/JavaScript heap out of memory|Reached heap limit|Allocation failed/.test(end.stderr)) {
        const heap = heapAtDeath(end.stderr);
        return [`the program ran out of memory (JavaScript heap out of memory${heap ? `, heap ${heap}` : ""}); give node more with NODE_OPTIONS=--max-old-space-size=<MB>`];
    }
    if (end.signal) {
        return end.signal === "SIGKILL"
            ? ["the program's process was killed (SIGKILL), usually by the system when it runs out of memory"]
            : [`the program's process crashed (${end.signal})${meaningfulLines(end.stderr).slice(-1).map((l) => `: ${l.trim()}`).join("")}`];
    }
    const run = end.run;
    const errors = [...new Set(run?.errors ?? [])];
    if (run?.exitCall && !isSdkFrame(run.exitCall.caller)) {
        const where = run.exitCall.caller ? ` at ${run.exitCall.caller}` : "";
        return [`the program called process.exit(${run.exitCall.code})${where}, which ends the language host before the Pulumi runtime has finished`, ...errors];
    }
    if (errors.length > 0) {
        return errors;
    }
    if (end.code === 0 && run) {
        return undefined;
    }
    const lines = meaningfulLines(end.stderr);
    const leak = lines.find((l) => /The Pulumi runtime detected that \d+ promises? (was|were) still active/.test(l));
    if (leak) {
        return [`${leak.trim()} at the time that the process exited (pulumi preview fails the same way; PULUMI_DEBUG_PROMISE_LEAKS=true shows them)`];
    }
    const said = lines.map((l) => l.replace(/^error:\s*/, "").trim()).slice(0, 6).join(" ");
    if (!run) {
        return [`the program's process ended (code ${end.code}) without a result${said ? `: ${said}` : ""}`];
    }
    return [`the program's process exited with code ${end.code}${said ? `: ${said}` : ""}`];
}
