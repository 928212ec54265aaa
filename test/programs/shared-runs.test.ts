import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProgramRun } from "../../linter/src/preview/program-run";
import { sharedRun } from "./shared-runs";

const run = (name: string): ProgramRun => ({ resources: [{ type: "aws:s3/bucket:Bucket", name, urn: `urn:${name}`, custom: true, providers: {}, inputs: {}, read: false }], invokes: [], outputs: {}, errors: [], warnings: [] });

describe("program runs shared between workers", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-shared-runs-"));
        vi.stubEnv("GUARDRAIL_TEST_SHARED_RUNS", dir);
    });
    afterEach(() => {
        vi.unstubAllEnvs();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("runs a program once for every asker of the same key; the others wait for its result", async () => {
        let starts = 0;
        const start = async () => {
            starts++;
            await new Promise((resolve) => setTimeout(resolve, 300));
            return run("once");
        };
        const [a, b] = await Promise.all([sharedRun("k", start), sharedRun("k", start)]);
        const later = await sharedRun("k", start);
        expect(starts).toBe(1);
        expect([a, b, later]).toEqual([run("once"), run("once"), run("once")]);
        expect(await sharedRun("other", async () => run("other"))).toEqual(run("other"));
    });

    it("a claimant that fails leaves the waiter to run the program itself, never without an answer", async () => {
        const failing = sharedRun("k", async () => {
            await new Promise((resolve) => setTimeout(resolve, 300));
            throw new Error("the runner could not start");
        });
        const waiting = sharedRun("k", async () => run("own"));
        await expect(failing).rejects.toThrow("the runner could not start");
        expect(await waiting).toEqual(run("own"));
    });

    it("without the run's folder every ask runs the program", async () => {
        vi.stubEnv("GUARDRAIL_TEST_SHARED_RUNS", undefined);
        let starts = 0;
        const start = async () => (starts++, run("alone"));
        await sharedRun("k", start);
        await sharedRun("k", start);
        expect(starts).toBe(2);
    });
});
