import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerSession, SessionOptions } from "../../linter/src/engine/analyzer-session";

/**
 * Policy-pack sessions shared by the tests of one vitest worker. Starting a pack costs 3-5 s of CPU
 * (`run-policy-pack` type-checks it with ts-node) while a case costs milliseconds, and the engine
 * itself sends one pack process every resource of a preview: cases that would start the same pack
 * (same folder, policy config, stack and tags) get the same running session, across test files too
 * where the worker runs several files (the pack suites run without isolation, test/vitest.config.ts).
 *
 * A session is started exactly as a test alone would start it (AnalyzerSession.start with the same
 * options); tests that test the start itself, or that need a process of their own, still start one.
 * Released sessions stay running for the next file that asks for the same start; beyond a few idle
 * ones the least recently used is stopped, and the rest are stopped when the worker exits (and by the
 * global teardown, test/global-setup.ts, should a worker be killed first).
 */

/** Idle (released) sessions a worker keeps running for later files. */
const MAX_IDLE = 4;

interface Entry {
    key: string;
    session: Promise<AnalyzerSession>;
    users: number;
    released: number;
}

interface Pool {
    entries: Map<string, Entry>;
    pids: Set<number>;
}

// On globalThis: without isolation a worker re-evaluates no shared module, but one test file's
// module graph may still be torn down while the processes live on.
const POOL = Symbol.for("guardrail.test.pack-pool");

function pool(): Pool {
    const g = globalThis as { [POOL]?: Pool };
    if (!g[POOL]) {
        const created: Pool = { entries: new Map(), pids: new Set() };
        g[POOL] = created;
        // Synchronous, so that it runs in an exiting worker: the packs must not outlive the suite.
        process.once("exit", () => {
            for (const pid of created.pids) {
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

/** A stable key: the same options in any key order are the same start. */
function keyOf(options: SessionOptions): string {
    const sort = (v: unknown): unknown =>
        Array.isArray(v) ? v.map(sort) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sort(x)])) : v;
    return JSON.stringify(sort({ ...options, packDir: path.resolve(options.packDir) }));
}

/** Where the global setup collects pack pids (GUARDRAIL_TEST_PACK_PIDS), so that a killed worker leaves no pack behind. */
function recordPid(pid: number | undefined): void {
    const dir = process.env.GUARDRAIL_TEST_PACK_PIDS;
    if (pid === undefined) {
        return;
    }
    pool().pids.add(pid);
    if (dir) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, String(pid)), "");
    }
}

function forgetPid(pid: number | undefined): void {
    if (pid === undefined) {
        return;
    }
    pool().pids.delete(pid);
    const dir = process.env.GUARDRAIL_TEST_PACK_PIDS;
    if (dir) {
        fs.rmSync(path.join(dir, String(pid)), { force: true });
    }
}

async function stop(entry: Entry): Promise<void> {
    const session = await entry.session.catch(() => undefined);
    if (session) {
        const pid = session.pid;
        await session.close();
        forgetPid(pid);
    }
}

/**
 * The worker's running session for these options, started on first use. Each call must be paired
 * with `release` once the caller is done with it. A start that fails is not kept: the next caller
 * tries again and gets the error afresh.
 */
export function acquirePackSession(options: SessionOptions): Promise<AnalyzerSession> {
    const { entries } = pool();
    const key = keyOf(options);
    let entry = entries.get(key);
    if (!entry) {
        const session = AnalyzerSession.start(options).then((s) => {
            recordPid(s.pid);
            return s;
        });
        const created: Entry = { key, session, users: 0, released: 0 };
        session.catch(() => {
            if (entries.get(key) === created) {
                entries.delete(key);
            }
        });
        entries.set(key, created);
        entry = created;
    }
    entry.users += 1;
    return entry.session;
}

/** Gives a session back; idle sessions beyond MAX_IDLE are stopped, least recently used first. */
export async function releasePackSession(options: SessionOptions): Promise<void> {
    const { entries } = pool();
    const entry = entries.get(keyOf(options));
    if (!entry) {
        return;
    }
    entry.users = Math.max(0, entry.users - 1);
    entry.released = performance.now();
    const idle = [...entries.values()].filter((e) => e.users === 0).sort((a, b) => a.released - b.released);
    for (const e of idle.slice(0, Math.max(0, idle.length - MAX_IDLE))) {
        entries.delete(e.key);
        await stop(e);
    }
}
