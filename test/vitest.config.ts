import * as path from "node:path";
import { defineConfig } from "vitest/config";
import { testNodeOptions } from "./harness/pack-env";
import { SlowFirstSequencer } from "./harness/sequencer";

export default defineConfig({
    test: {
        root: path.resolve(__dirname, ".."),
        include: ["test/**/*.test.ts"],
        globalSetup: ["test/global-setup.ts"],
        // Pack tests start real policy-pack processes; each takes a few seconds to boot.
        testTimeout: 60_000,
        hookTimeout: 120_000,
        // Processes, not threads: tests start child processes and some change process.env around them.
        pool: "forks",
        // A worker runs many test files instead of one process per file: the files' shared imports
        // (ts-morph, the SDKs, vitest itself) load once per worker, and policy-pack sessions started
        // for one file serve the next file that starts the same pack (test/harness/pack-pool.ts).
        // No test file relies on a fresh module state (no module mocks; env changes are restored).
        isolate: false,
        // vitest's default on 2 cores is one worker, but many files spend their time waiting on
        // the pack, program and pre-commit processes they start: two files at a time keep both
        // cores busy.
        maxWorkers: 2,
        minWorkers: 1,
        // Policy packs the tests start transpile their TypeScript instead of type-checking it
        // (test/harness/pack-transpile-only.cjs): a third of the CPU of a start.
        env: { NODE_OPTIONS: testNodeOptions() },
        sequence: { sequencer: SlowFirstSequencer },
    },
});
