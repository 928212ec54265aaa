import { codeFrameColumns } from "@babel/code-frame";
import pc from "picocolors";
import { Formatter, relativePath, summarize } from "./report";

/** ESLint-like human output: file, line:col, severity, message, rule, and a code frame. */
export const formatStylish: Formatter = (report, { color }) => {
    const c = pc.createColors(color);
    const byFile = new Map<string, typeof report.findings>();
    for (const f of report.findings) {
        byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    }
    const out: string[] = [];
    for (const [file, findings] of byFile) {
        const rel = relativePath(report, file);
        const text = report.sourceOf(file);
        out.push(c.underline(rel));
        for (const f of findings) {
            const sev = f.severity === "error" ? c.red("error") : c.yellow("warning");
            out.push(`  ${rel}:${f.line}:${f.column}  ${sev}  ${f.message}  ${c.dim(f.ruleId)}`);
            if (f.urn) {
                out.push(c.dim(`      ${f.urn}`));
            }
            if (text !== undefined && f.ruleId !== "unused-suppression" && !/\.ya?ml$/.test(file)) {
                const frame = codeFrameColumns(text, { start: { line: f.line, column: f.column } }, { highlightCode: color, forceColor: color, linesAbove: 1, linesBelow: 1 });
                out.push(frame.replace(/^/gm, "    "));
            }
        }
        out.push("");
    }
    const s = summarize(report);
    const total = s.errors + s.warnings;
    const stacks = s.stacksPreviewed !== undefined ? ` and ${s.stacksPreviewed} stack${s.stacksPreviewed === 1 ? "" : "s"} previewed` : "";
    const files = `${s.filesLinted} file${s.filesLinted === 1 ? "" : "s"} checked${stacks}`;
    if (total === 0) {
        out.push(c.green(`✔ no problems (${files})`));
    } else {
        const line = `✖ ${total} problem${total === 1 ? "" : "s"} (${s.errors} error${s.errors === 1 ? "" : "s"}, ${s.warnings} warning${s.warnings === 1 ? "" : "s"}) in ${files}`;
        out.push(s.errors > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
    }
    return out.join("\n") + "\n";
};
