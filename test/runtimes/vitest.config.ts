import { defineConfig } from "vitest/config";
import base from "../vitest.config";

/**
 * The suites `.ci/run` repeats under Node 22 and 24 with the current SDK releases (prepare.ts): the
 * policy pack over the engine protocol, the engine's marshalling, and `guardrail preview/check`.
 * GUARDRAIL_TEST_ROOT points them at the scratch user repository (test/harness/under-test.ts).
 * Pool, workers and isolation as in the base config. (Not mergeConfig: it would append to the base
 * `include` instead of replacing it.)
 */
export default defineConfig({
    ...base,
    test: {
        ...base.test,
        include: ["test/policypack/**/*.test.ts", "test/engine/**/*.test.ts", "test/check/**/*.test.ts"],
    },
});
