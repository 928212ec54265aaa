/**
 * What a run of the CLI writes to and where it runs: the process's own stdout, stderr and working
 * directory for the bin, or those of an embedding process (a test runner, an editor integration)
 * that runs many commands in one process and reads what each wrote.
 *
 * An embedding process may also keep policy-pack processes between runs (`packs`): starting a pack
 * costs seconds of CPU, and each run of a command otherwise starts and stops its own.
 */
import pc from "picocolors";
import type { PackPool } from "../engine/pack-sessions";

export interface CliOutput {
    write(text: string): unknown;
    /** A terminal: progress lines are rewritten in place. */
    isTTY?: boolean;
}

export interface CliContext {
    stdout: CliOutput;
    stderr: CliOutput;
    /**
     * Where relative paths on the command line resolve. The analysis still names files in messages
     * relative to the process's working directory, so an embedding process changes to this folder for
     * the run (test/harness/in-process-cli.ts); threading it through the analysis is left to do.
     */
    cwd: string;
    /** Colours in messages and the stylish report (still off with --no-color or an --output-file). */
    color: boolean;
    /** Pack processes kept across runs; absent, each run starts and stops its own. */
    packs?: PackPool;
}

export function processContext(): CliContext {
    return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), color: pc.isColorSupported };
}
