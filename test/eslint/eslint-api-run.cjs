"use strict";
// `node eslint-api-run.cjs <eslint package folder> <paths...>` in a project folder: lints through
// ESLint's Node API (what editor extensions call) and prints the results as JSON, relative paths.
const path = require("node:path");
const [eslintDir, ...paths] = process.argv.slice(2);
const { ESLint } = require(eslintDir);
new ESLint({ cwd: process.cwd() })
    .lintFiles(paths)
    .then((results) => {
        const out = results.map((r) => ({
            file: path.relative(process.cwd(), r.filePath),
            messages: r.messages.map((m) => ({
                ruleId: m.ruleId,
                severity: m.severity,
                line: m.line,
                column: m.column,
                message: m.message,
                suggestions: (m.suggestions ?? []).map((s) => ({ desc: s.desc, fix: s.fix })),
            })),
        }));
        process.stdout.write(JSON.stringify(out));
    })
    .catch((e) => {
        process.stderr.write(`eslint failed: ${e && e.stack ? e.stack : String(e)}\n`);
        process.exitCode = 2;
    });
