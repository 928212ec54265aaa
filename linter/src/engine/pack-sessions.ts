/**
 * The policy-pack processes of one `preview`, `check` or `audit` run. Starting a pack costs seconds
 * of CPU (`run-policy-pack` type-checks it with ts-node), more than previewing a small stack, and a
 * run covers many stacks with the same pack and config. So a pack that has served one stack is moved
 * to the next (`switchStack`: the environment the language host would start it with, then
 * ConfigureStack); what a policy can learn of its stack is then what it would be in a pack started
 * for that stack alone (test/check/pack-reuse.test.ts, test/audit/stack-switch.test.ts).
 *
 * A pack that failed a call is stopped, never handed on: the next stack gets a fresh one.
 */
import { AnalyzerSession } from "./analyzer-session";
import type { PolicyPackConfigFile } from "./engine-config";
import type { StackIdentity } from "./policy-pack-process";

export interface PackSessionSettings {
    packDir: string;
    policyConfig: PolicyPackConfigFile;
    callTimeoutMs?: number;
}

export class PackSessions {
    private readonly idle: AnalyzerSession[] = [];
    private readonly started = new Set<AnalyzerSession>();
    private closed = false;

    constructor(private readonly settings: PackSessionSettings) {}

    /**
     * A pack serving `stack`: an idle one moved to it, or a new one. `signal` abandons a start that
     * is no longer needed (the program failed first); a pack already up stays up.
     */
    async acquire(stack: StackIdentity, signal?: AbortSignal): Promise<AnalyzerSession> {
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
            signal?.removeEventListener("abort", abandon);
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
        } else {
            await this.discard(session);
        }
    }

    /** Stops every pack of the run. */
    async close(): Promise<void> {
        this.closed = true;
        this.idle.length = 0;
        await Promise.all([...this.started].map((s) => this.discard(s)));
    }

    private async discard(session: AnalyzerSession): Promise<void> {
        // Each pack is stopped once, whoever gets to it first (a late release after close).
        if (this.started.delete(session)) {
            await session.close();
        }
    }
}
