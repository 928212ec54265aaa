import { codeFrameColumns } from "@babel/code-frame";
import pc from "picocolors";
import { describeCounted, Formatter, relativePath, summarize } from "../report/model";
import { escapeControl, frameSource } from "./terminal-text";

/** ESLint-like human output: file, line:col, severity, message, rule, and a code frame. */
export const formatStylish: Formatter = (report, { color }) => {
    const c = pc.createColors(color);
    const byFile = new Map<string, typeof report.findings>();
    for (const f of report.findings) {
        byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    }
    const out: string[] = [];
    for (const [file, findings] of byFile) {
        const rel = escapeControl(relativePath(report.cwd, file));
        const text = report.sourceOf(file);
        out.push(c.underline(rel));
        for (const f of findings) {
            const sev = f.severity === "error" ? c.red("error") : c.yellow("warning");
            out.push(`  ${rel}:${f.line}:${f.column}  ${sev}  ${escapeControl(f.message)}  ${c.dim(f.ruleId)}`);
            if (f.urn) {
                out.push(c.dim(`      ${escapeControl(f.urn)}`));
            }
            for (const r of f.related ?? []) {
                out.push(c.dim(`      ${escapeControl(relativePath(report.cwd, r.file))}:${r.line}:${r.column}  ${escapeControl(r.message)}`));
            }
            if (text !== undefined && f.ruleId !== "unused-suppression" && !/\.ya?ml$/.test(file)) {
                const framed = frameSource(text, f.line, f.column);
                const frame = codeFrameColumns(framed.text, { start: { line: f.line, column: framed.column } }, { highlightCode: color, forceColor: color, linesAbove: 1, linesBelow: 1 });
                out.push(frame.replace(/^/gm, "    "));
            }
        }
        out.push("");
    }
    for (const s of report.skipped ?? []) {
        out.push(c.dim(`skipped: ${escapeControl(s)}`));
    }
    for (const n of report.notices ?? []) {
        out.push(c.yellow(`note: ${escapeControl(n)}`));
    }
    const s = summarize(report);
    const total = s.errors + s.warnings;
    const what = describeCounted(report.counted);
    if (s.problems > 0) {
        // A run that could not finish never claims "no problems"; the problems follow on stderr.
        const found = total > 0 ? `${total} problem${total === 1 ? "" : "s"} found (${s.errors} error${s.errors === 1 ? "" : "s"}, ${s.warnings} warning${s.warnings === 1 ? "" : "s"}), ` : "";
        out.push(c.red(c.bold(`✖ ${found}but the run did not finish: ${s.problems} problem${s.problems === 1 ? "" : "s"} (${what})`)));
    } else if (total === 0) {
        out.push(c.green(`✔ no problems (${what})`));
    } else {
        const line = `✖ ${total} problem${total === 1 ? "" : "s"} (${s.errors} error${s.errors === 1 ? "" : "s"}, ${s.warnings} warning${s.warnings === 1 ? "" : "s"}) in ${what}`;
        out.push(s.errors > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
    }
    return out.join("\n") + "\n";
};
