import * as path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        root: path.resolve(__dirname, ".."),
        include: ["test/**/*.test.ts"],
        globalSetup: ["test/global-setup.ts"],
        // Pack tests start real policy-pack processes; each takes a few seconds to boot.
        testTimeout: 60_000,
        hookTimeout: 120_000,
        pool: "forks",
    },
});
