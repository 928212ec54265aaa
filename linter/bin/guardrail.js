#!/usr/bin/env node
"use strict";
// The CLI is bundled at install time (the root package's `postinstall` builds it): startup must stay
// fast enough for a pre-commit hook, so no TypeScript is compiled on each run.
// Loading the TypeScript compiler is most of a short run's time; cache its compiled code between
// runs (Node 22 has this built in; on Node 20, ./code-cache.js).
// A run that analyses a large program spends much of its CPU in V8's optimising compiler, which
// by default inlines generously: on the 2,000-file bench program it compiled for 1.6 s, on the
// machine's other core, beside a 1.7 s run whose garbage collector wants that core too. Inlining
// only small functions costs the analysis nothing measurable and the compiler far less (npm run
// bench: see the README's Speed section). Set before any code is compiled or read from a code
// cache, since a cache is valid only under the flags it was made with.
const V8_FLAGS = "--max-inlined-bytecode-size=40";
require("node:v8").setFlagsFromString(V8_FLAGS);
const nodeModule = require("node:module");
let codeCache;
if (typeof nodeModule.enableCompileCache === "function") {
    nodeModule.enableCompileCache();
} else {
    codeCache = require("./code-cache").install(V8_FLAGS);
}
// The runs whose compiled code is worth keeping: those that parse and analyse sources.
const ANALYSING = new Set(["lint", "check"]);

// A reader that stops early (`guardrail lint | head`) closes the pipe: stop quietly, as other
// command-line tools do, instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on("error", (e) => {
    if (e && e.code === "EPIPE") {
        process.exit(process.exitCode ?? 0);
    }
    throw e;
});

let main;
try {
    main = require("../dist/cli.js").main;
} catch (e) {
    if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes("dist/cli.js")) {
        process.stderr.write("guardrail: the CLI is not built; run `npm install` (or `npm run build -w linter`) in the repository first.\n");
        process.exit(2);
    }
    throw e;
}
main(process.argv).then(
    (code) => {
        process.exitCode = code;
        if (ANALYSING.has(process.argv[2])) {
            codeCache?.save();
        }
    },
    (e) => {
        process.stderr.write(`guardrail: internal error: ${e && e.message ? e.message : String(e)}\n`);
        process.exitCode = 2;
    },
);
