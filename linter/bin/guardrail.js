#!/usr/bin/env node
"use strict";
// The CLI is compiled at install time (the root package's `prepare` builds it): startup must stay
// fast enough for a pre-commit hook, so no TypeScript is compiled on each run.
let main;
try {
    main = require("../dist/cli/main.js").main;
} catch (e) {
    if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes("dist/cli/main.js")) {
        process.stderr.write("guardrail: the CLI is not built; run `npm install` (or `npm run build -w linter`) in the repository first.\n");
        process.exit(2);
    }
    throw e;
}
main(process.argv).then(
    (code) => {
        process.exitCode = code;
    },
    (e) => {
        process.stderr.write(`guardrail: internal error: ${e && e.message ? e.message : String(e)}\n`);
        process.exitCode = 2;
    },
);
