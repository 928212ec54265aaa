#!/usr/bin/env node
"use strict";
// Root `postinstall`: compile the guardrail CLI in a checkout (npm ci / npm install, and the
// `npm install` pre-commit runs in its clone). An installed package has no sources and ships the
// compiled CLI, so there is nothing to do. A `prepare` script would print its banner into the
// output of the `npm pack` that pre-commit parses, hence postinstall.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const linter = path.resolve(__dirname, "..");
if (!fs.existsSync(path.join(linter, "src"))) {
    process.exit(0);
}
let tsc;
try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [linter] });
} catch {
    process.stderr.write("guardrail: typescript is not installed, so the CLI cannot be built; run `npm install` with dev dependencies.\n");
    process.exit(1);
}
execFileSync(process.execPath, [tsc, "-p", path.join(linter, "tsconfig.build.json")], { stdio: "inherit" });
