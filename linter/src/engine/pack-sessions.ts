/**
 * The policy-pack processes of one `preview`, `check` or `audit` run. Starting a pack costs seconds
 * of CPU (`run-policy-pack` type-checks it with ts-node), more than previewing a small stack, and a
 * run covers many stacks with the same pack and config. So a pack that has served one stack is moved
 * to the next (`switchStack`: the environment the language host would start it with, then
 * ConfigureStack); what a policy can learn of its stack is then what it would be in a pack started
 * for that stack alone (test/check/pack-reuse.test.ts, test/audit/stack-switch.test.ts).
 *
 * A pack that failed a call is stopped, never handed on: the next stack gets a fresh one.
 *
 * At most `maxPacks` run at once (by default one per core, up to 4): a run previews several stacks
 * side by side, and on a small machine a stack that waits for a pack another stack is about to hand
 * back costs less than the seconds of CPU a further start would take from the programs running.
 */
import * as os from "node:os";
import { AnalyzerSession } from "./analyzer-session";
import type { PolicyPackConfigFile } from "./engine-config";
import type { StackIdentity } from "./policy-pack-process";

export interface PackSessionSettings {
    packDir: string;
    policyConfig: PolicyPackConfigFile;
    callTimeoutMs?: number;
    /** Packs running at once (default: one per core, at most 4). */
    maxPacks?: number;
}

export function defaultMaxPacks(): number {
    return Math.max(1, Math.min(os.availableParallelism(), 4));
}

export class PackSessions {
    private readonly idle: AnalyzerSession[] = [];
    private readonly started = new Set<AnalyzerSession>();
    /** Starts in progress, counted against maxPacks with the packs already up. */
    private starting = 0;
    /** Acquires waiting for a pack to be handed back or for room to start one. */
    private readonly waiting: (() => void)[] = [];
    private closed = false;
    private readonly maxPacks: number;

    constructor(private readonly settings: PackSessionSettings) {
        this.maxPacks = Math.max(1, settings.maxPacks ?? defaultMaxPacks());
    }

    /**
     * A pack serving `stack`: an idle one moved to it, or a new one. `signal` abandons a start that
     * is no longer needed (the program failed first); a pack already up stays up.
     */
    async acquire(stack: StackIdentity, signal?: AbortSignal): Promise<AnalyzerSession> {
        while (this.idle.length === 0 && this.started.size + this.starting >= this.maxPacks && !this.closed) {
            await this.turn(signal);
        }
        const reused = this.idle.pop();
        if (reused) {
            try {
                await reused.switchStack(stack);
                return reused;
            } catch (e) {
                await this.discard(reused);
                throw e;
            }
        }
        // `signal` may abandon the start, but not the pack once it is up: a stack whose program failed
        // hands its pack on to the next stack.
        const starting = new AbortController();
        const abandon = () => starting.abort();
        signal?.addEventListener("abort", abandon, { once: true });
        let session: AnalyzerSession;
        this.starting++;
        try {
            session = await AnalyzerSession.start({
                signal: starting.signal,
                reusable: true,
                packDir: this.settings.packDir,
                stack,
                policyConfig: this.settings.policyConfig,
                callTimeoutMs: this.settings.callTimeoutMs,
            });
        } finally {
            this.starting--;
            signal?.removeEventListener("abort", abandon);
            // A start that failed leaves room for a waiting stack to try its own.
            this.wakeOne();
        }
        this.started.add(session);
        if (this.closed) {
            await this.discard(session);
            throw new Error("the run is over");
        }
        return session;
    }

    /** Hands a pack back after a stack: `healthy` ones serve the next stack, the others are stopped. */
    async release(session: AnalyzerSession, healthy: boolean): Promise<void> {
        if (healthy && !this.closed) {
            this.idle.push(session);
            this.wakeOne();
        } else {
            await this.discard(session);
        }
    }

    pids(): number[] {
        return [...this.started].flatMap((s) => (s.pid === undefined ? [] : [s.pid]));
    }

    /** Stops every pack of the run. */
    async close(): Promise<void> {
        this.closed = true;
        this.idle.length = 0;
        for (const wake of this.waiting.splice(0)) {
            wake();
        }
        await Promise.all([...this.started].map((s) => this.discard(s)));
    }

    private async discard(session: AnalyzerSession): Promise<void> {
        // Each pack is stopped once, whoever gets to it first (a late release after close).
        if (this.started.delete(session)) {
            this.wakeOne();
            await session.close();
        }
    }

    /** Waits until a pack is handed back or a slot frees; `signal` gives up waiting. */
    private turn(signal?: AbortSignal): Promise<void> {
        return new Promise((resolve, reject) => {
            if (signal?.aborted) {
                reject(new Error("no longer needed"));
                return;
            }
            const onAbort = () => {
                const i = this.waiting.indexOf(wake);
                if (i >= 0) {
                    this.waiting.splice(i, 1);
                }
                reject(new Error("no longer needed"));
            };
            const wake = () => {
                signal?.removeEventListener("abort", onAbort);
                resolve();
            };
            signal?.addEventListener("abort", onAbort, { once: true });
            this.waiting.push(wake);
        });
    }

    private wakeOne(): void {
        this.waiting.shift()?.();
    }
}

/**
 * The packs of many runs in one process (cli/context.ts): one PackSessions per pack folder and
 * config, kept running after each run for the next that names the same pack. A run hands back what
 * it acquired; the pool stops everything on close.
 */
export class PackPool {
    private readonly byKey = new Map<string, PackSessions>();

    sessions(settings: PackSessionSettings): PackSessions {
        const key = JSON.stringify([settings.packDir, settings.policyConfig, settings.callTimeoutMs ?? null]);
        let found = this.byKey.get(key);
        if (!found) {
            found = new PackSessions(settings);
            this.byKey.set(key, found);
        }
        return found;
    }

    /** The pids of the packs running now, for a host that must stop them even when it cannot wait (an exiting process). */
    pids(): number[] {
        return [...this.byKey.values()].flatMap((s) => s.pids());
    }

    async close(): Promise<void> {
        const all = [...this.byKey.values()];
        this.byKey.clear();
        await Promise.all(all.map((s) => s.close()));
    }
}
