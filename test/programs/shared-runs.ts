import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ProgramRun } from "../../linter/src/preview/program-run";

/**
 * Program runs shared by the workers of one vitest run, through a folder the global setup makes
 * for that run (GUARDRAIL_TEST_SHARED_RUNS) and removes after it: the bootstrap suites ask for the
 * same stacks from test files that land in different workers, and a run costs one or two seconds.
 *
 * The first worker to ask claims the run (a file created exclusively) and writes the result when it
 * has it; a worker asking meanwhile waits for that result. A claimant that fails leaves a mark, and
 * a wait that sees neither result nor mark in time runs the program itself: sharing only ever
 * saves a run, it never decides one.
 */
const WAIT_MS = 120_000;
const POLL_MS = 200;

export function sharedRun(key: string, start: () => Promise<ProgramRun>): Promise<ProgramRun> {
    const dir = process.env.GUARDRAIL_TEST_SHARED_RUNS;
    if (!dir || !fs.existsSync(dir)) {
        return start();
    }
    // The runtime is part of the key: a run under one Node is no answer for another.
    const file = path.join(dir, `${createHash("sha256").update(`${process.version}\0${key}`).digest("hex")}.json`);
    const done = read(file);
    if (done) {
        return Promise.resolve(done);
    }
    try {
        fs.writeFileSync(`${file}.claim`, String(process.pid), { flag: "wx" });
    } catch {
        return waitFor(file, start);
    }
    return start().then(
        (run) => {
            const partial = `${file}.${process.pid}`;
            fs.writeFileSync(partial, JSON.stringify(run));
            fs.renameSync(partial, file);
            return run;
        },
        (e: unknown) => {
            fs.writeFileSync(`${file}.failed`, "");
            throw e;
        },
    );
}

function read(file: string): ProgramRun | undefined {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as ProgramRun;
    } catch {
        return undefined;
    }
}

async function waitFor(file: string, start: () => Promise<ProgramRun>): Promise<ProgramRun> {
    const until = Date.now() + WAIT_MS;
    while (Date.now() < until && !fs.existsSync(`${file}.failed`)) {
        const run = read(file);
        if (run) {
            return run;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return start();
}
