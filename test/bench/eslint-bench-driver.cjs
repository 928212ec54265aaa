"use strict";
// Run in a benchmark program's folder: `node eslint-bench-driver.cjs <files as JSON>` times ESLint's
// Node API as an editor uses it (one long-lived ESLint, one file at a time) and prints JSON.
const fs = require("node:fs");
const path = require("node:path");
const { ESLint } = require("eslint");

async function main() {
    const files = JSON.parse(process.argv[2]);
    const cwd = process.cwd();
    const eslint = new ESLint({ cwd });
    // CPU time next to wall time: on a shared, loaded machine wall time mostly measures the wait for a core.
    const cpu = (since) => {
        const u = process.cpuUsage(since);
        return (u.user + u.system) / 1000;
    };
    const messages = (results) => results[0].messages.map((m) => ({ ruleId: m.ruleId, line: m.line, fatal: !!m.fatal, message: m.message }));
    const out = { cold: 0, coldCpu: 0, coldMessages: [], opened: [], edits: [] };
    let t = performance.now();
    let c = process.cpuUsage();
    const first = await eslint.lintFiles([files[0]]);
    out.cold = performance.now() - t;
    out.coldCpu = cpu(c);
    out.coldMessages = messages(first);
    // Files opened one after another (each linted for the first time in this process).
    for (const file of files.slice(1)) {
        t = performance.now();
        c = process.cpuUsage();
        const r = await eslint.lintFiles([file]);
        out.opened.push({ file, ms: performance.now() - t, cpuMs: cpu(c), messages: messages(r) });
    }
    // Typing in one file: its unsaved text, a little different each time.
    const file = path.resolve(cwd, files[0]);
    const text = fs.readFileSync(file, "utf8");
    for (let i = 0; i < 15; i++) {
        t = performance.now();
        c = process.cpuUsage();
        const r = await eslint.lintText(`${text}// edit ${i}\n`, { filePath: file });
        out.edits.push({ ms: performance.now() - t, cpuMs: cpu(c), messages: messages(r) });
    }
    process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
    process.stderr.write(`eslint bench driver failed: ${e && e.stack ? e.stack : String(e)}\n`);
    process.exitCode = 1;
});
