import { describe, expect, it } from "vitest";
import { registered, runFixture } from "./run-fixture";

/** A run that `pulumi preview` would fail is never a result: one clear line per cause, no V8 stack. */
const PER_TEST_MS = 180_000;

describe.concurrent("programs that fail after registering resources fail the preview", () => {
    const rows: { fixture: string; why: string; error: RegExp }[] = [
        { fixture: "late-timer-error", why: "a timer throws after the program returned", error: /^the timer found no hosted zone$/ },
        { fixture: "unawaited-rejection", why: "an unawaited promise rejects", error: /^no certificate for example\.net$/ },
        {
            fixture: "calls-process-exit",
            why: "the program calls process.exit(0) itself",
            error: /^the program called process\.exit\(0\) at .*calls-process-exit\/index\.ts:5:\d+\)?, which ends the language host before the Pulumi runtime has finished$/,
        },
    ];
    it.each(rows)("$why ($fixture)", async ({ fixture, error }) => {
        const run = await runFixture(fixture);
        expect(run.errors).toEqual([expect.stringMatching(error)]);
        // It did register its bucket first: without the error the preview would have passed.
        expect(registered(run).filter((r) => r.startsWith("aws:s3"))).toHaveLength(1);
    }, PER_TEST_MS);

    it("a program that never ends and traps SIGTERM is killed after --timeout and a short grace", async () => {
        const started = Date.now();
        const run = await runFixture("traps-sigterm", { timeoutMs: 3_000 });
        expect(run.errors).toEqual(["the program did not finish within 3 s (--timeout 3); it ignored SIGTERM and was killed"]);
        expect(Date.now() - started).toBeLessThan(3_000 + 2_000 + 15_000);
    }, PER_TEST_MS);

    it("a crash of the program's process (a signal, no exit handlers) is one line", async () => {
        const run = await runFixture("native-crash");
        expect(run.errors).toEqual([expect.stringMatching(/^the program's process crashed \(SIGABRT\)/)]);
        expect(run.errors[0]).not.toMatch(/\n/);
    }, PER_TEST_MS);

    it("running out of memory is one line, not a V8 stack", async () => {
        const run = await runFixture("out-of-memory");
        expect(run.errors).toEqual([expect.stringMatching(/^the program ran out of memory \(JavaScript heap out of memory, heap \d+ MB\); give node more with NODE_OPTIONS=--max-old-space-size=<MB>$/)]);
    }, PER_TEST_MS);
});
