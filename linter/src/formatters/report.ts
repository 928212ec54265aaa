import * as path from "node:path";
import type { Finding } from "../linter";

/** What every output format is given. */
export interface Report {
    findings: Finding[];
    filesLinted: number;
    /** The working directory: paths in output are relative to it. */
    cwd: string;
    /** The text of a linted file (for code frames and fingerprints). */
    sourceOf(file: string): string | undefined;
    /** Policies of the pack that reported findings (for SARIF rule metadata). */
    policies?: PolicyRuleInfo[];
    /** Stacks previewed, e.g. "static-site/dev" (guardrail preview/check). */
    stacks?: string[];
}

export interface PolicyRuleInfo {
    id: string;
    description: string;
    help: string;
    level: "error" | "warning";
}

export interface Summary {
    stacksPreviewed?: number;
    filesLinted: number;
    errors: number;
    warnings: number;
}

export function summarize(report: Report): Summary {
    return {
        ...(report.stacks ? { stacksPreviewed: report.stacks.length } : {}),
        filesLinted: report.filesLinted,
        errors: report.findings.filter((f) => f.severity === "error").length,
        warnings: report.findings.filter((f) => f.severity === "warning").length,
    };
}

export function relativePath(report: Report, file: string): string {
    return path.relative(report.cwd, file).split(path.sep).join("/") || path.basename(file);
}

export type Formatter = (report: Report, options: { color: boolean }) => string;
