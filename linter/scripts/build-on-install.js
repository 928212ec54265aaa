#!/usr/bin/env node
"use strict";
// Root `postinstall` (and the test setup): bundle the guardrail CLI in a checkout (npm ci / npm
// install, and the `npm install` pre-commit runs in its clone). An installed package has no sources
// and ships the bundle, so there is nothing to do. A `prepare` script would print its banner into
// the output of the `npm pack` that pre-commit parses, hence postinstall.
//
// esbuild rather than tsc: the bundle loads as a few files (start-up matters for a pre-commit hook),
// it may import shared code from elsewhere in the repository (the organisation map, the policy
// library), and it takes a fraction of a second, so every test run can rebuild it. Types are
// checked by `npm test` (tsc --noEmit over the whole repository), not here.
const fs = require("node:fs");
const path = require("node:path");

const linter = path.resolve(__dirname, "..");
if (!fs.existsSync(path.join(linter, "src"))) {
    process.exit(0);
}
let esbuild;
try {
    esbuild = require(require.resolve("esbuild", { paths: [linter] }));
} catch {
    process.stderr.write("guardrail: esbuild is not installed, so the CLI cannot be built; run `npm install` with dev dependencies.\n");
    process.exit(1);
}

/** Entry points: the CLI, the program runner it starts in a child process, the ESLint plugin (`<package>/eslint`) and the preload of reusable policy packs. */
const ENTRIES = {
    cli: "src/cli/main.ts",
    "program-runner": "src/preview/program-runner.ts",
    eslint: "src/eslint/index.ts",
    "stack-switch-preload": "src/engine/stack-switch-preload.ts",
};

try {
    esbuild.buildSync({
        absWorkingDir: linter,
        entryPoints: ENTRIES,
        outdir: "dist",
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        // Dependencies stay dependencies: only the project's own code is bundled.
        packages: "external",
        sourcemap: true,
        logLevel: "warning",
    });
} catch {
    // esbuild has printed the errors.
    process.exit(1);
}

// The plugin's types, for an eslint.config.ts (esbuild emits none): ESLint's own plugin type.
fs.writeFileSync(
    path.join(linter, "dist", "eslint.d.ts"),
    'import type { ESLint, Linter } from "eslint";\n' +
        "declare const plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } };\n" +
        "export = plugin;\n",
);
