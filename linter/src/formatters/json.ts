import { Formatter, relativePath, summarize } from "./report";

/** `{ findings: [{ ruleId, severity, file, line, column, message }], summary }`. */
export const formatJson: Formatter = (report) =>
    JSON.stringify(
        {
            findings: report.findings.map((f) => ({
                ruleId: f.ruleId,
                severity: f.severity,
                file: relativePath(report, f.file),
                line: f.line,
                column: f.column,
                message: f.message,
                ...(f.urn ? { urn: f.urn } : {}),
            })),
            summary: summarize(report),
        },
        null,
        2,
    ) + "\n";
