import { Formatter, relativePath, summarize } from "../report/model";

/** `{ findings: [{ ruleId, severity, file, line, column, message }], summary }`. */
export const formatJson: Formatter = (report) =>
    JSON.stringify(
        {
            findings: report.findings.map((f) => ({
                ruleId: f.ruleId,
                severity: f.severity,
                file: relativePath(report.cwd, f.file),
                line: f.line,
                column: f.column,
                message: f.message,
                ...(f.urn ? { urn: f.urn } : {}),
                ...(f.related && f.related.length > 0 ? { related: f.related.map((r) => ({ ...r, file: relativePath(report.cwd, r.file) })) } : {}),
            })),
            summary: summarize(report),
            ...(report.problems.length > 0 ? { problems: report.problems } : {}),
            ...(report.skipped && report.skipped.length > 0 ? { skipped: report.skipped } : {}),
            ...(report.notices && report.notices.length > 0 ? { notices: report.notices } : {}),
        },
        null,
        2,
    ) + "\n";
