import { describeCounted, Formatter, relativePath, summarize } from "../report/model";

// Workflow-command escaping as GitHub documents it (the same rules @actions/core applies).
const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub Actions annotations: `::error file=...,line=...,col=...,title=...::message`. */
export const formatGithub: Formatter = (report) => {
    const lines = report.findings.map((f) => {
        const props = {
            file: relativePath(report.cwd, f.file),
            line: String(f.line),
            col: String(f.column),
            endLine: String(f.endLine),
            endColumn: String(f.endColumn),
            title: `guardrail ${f.ruleId}`,
        };
        const encoded = Object.entries(props)
            .map(([k, v]) => `${k}=${escapeProperty(v)}`)
            .join(",");
        return `::${f.severity === "error" ? "error" : "warning"} ${encoded}::${escapeData(f.message)}`;
    });
    const s = summarize(report);
    lines.push(`guardrail: ${s.errors} error(s), ${s.warnings} warning(s) (${describeCounted(report.counted)})${s.problems > 0 ? `; ${s.problems} problem(s) kept it from finishing` : ""}`);
    return lines.join("\n") + "\n";
};
