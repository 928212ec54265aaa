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

/**
 * Entry points: the CLI, the program runner it starts in a child process, the ESLint plugin
 * (`<package>/eslint`), the preload of reusable policy packs, and the libraries a user's repository
 * imports: the policy library its pack folder is built on (`<package>/policy`) and the
 * target-account provider (`<package>/provider`).
 */
const ENTRIES = {
    cli: "src/cli/main.ts",
    "program-runner": "src/preview/program-runner.ts",
    eslint: "src/eslint/index.ts",
    "stack-switch-preload": "src/engine/stack-switch-preload.ts",
    policy: "../policy/index.ts",
    provider: "src/library/provider.ts",
};

/**
 * This repository's own workspace packages (`@guardrails/*`: the organisation map, the policy
 * library, the provider library) are bundled in, since the installed package ships none of them;
 * every other package stays a dependency, resolved from the user's node_modules (their
 * `@pulumi/pulumi`, `@pulumi/policy` and `@pulumi/aws`, one copy per repository).
 */
const bundleWorkspacesOnly = {
    name: "bundle-workspaces-only",
    setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@guardrails/") ? undefined : { path: args.path, external: true }));
    },
};

esbuild
    .build({
        absWorkingDir: linter,
        entryPoints: ENTRIES,
        outdir: "dist",
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        plugins: [bundleWorkspacesOnly],
        sourcemap: true,
        logLevel: "warning",
    })
    .then(writeDeclarations, () => {
        // esbuild has printed the errors.
        process.exit(1);
    });

/**
 * Types for what a user's code imports (esbuild emits none): the ESLint plugin as ESLint's own
 * plugin type; the two libraries from their declarations under linter/types/, which a test checks
 * against the sources they are built from.
 */
function writeDeclarations() {
    const dist = path.join(linter, "dist");
    fs.writeFileSync(
        path.join(dist, "eslint.d.ts"),
        'import type { ESLint, Linter } from "eslint";\n' +
            "declare const plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } };\n" +
            "export = plugin;\n",
    );
    for (const name of ["policy", "provider"]) {
        fs.copyFileSync(path.join(linter, "types", `${name}.d.ts`), path.join(dist, `${name}.d.ts`));
    }
}
