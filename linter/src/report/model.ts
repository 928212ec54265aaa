/**
 * The report model every command shares: what analysis, preview and audit produce and what the
 * formatters and `finish` consume. Nothing here knows how a finding was found, so the front ends
 * (CLI, ESLint plugin) and the producers (linter, preview, audit) meet only in these types.
 */
import * as path from "node:path";

export type Severity = "error" | "warning";

/** A place related to a finding (the resource inside a helper, for a finding at its call site). */
export interface RelatedLocation {
    file: string;
    line: number;
    column: number;
    message: string;
}

export interface Finding {
    ruleId: string;
    severity: Severity;
    /** Absolute path; formatters make it relative to the working directory. */
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    message: string;
    /** Which of the rule's messages; not part of the output formats. */
    messageId?: string;
    /** For policy violations: the resource's URN. */
    urn?: string;
    related?: RelatedLocation[];
}

/** Metadata of a rule or policy that may appear in a report (SARIF rules, help text). */
export interface RuleInfo {
    id: string;
    description: string;
    help: string;
    level: Severity;
    /** Where the rule is documented. */
    url?: string;
}

/** What every output format is given. */
export interface Report {
    findings: Finding[];
    /** Counts of what was looked at; only those a command fills in are printed. */
    counted: Counted;
    /** The working directory: paths in output are relative to it. */
    cwd: string;
    /** The text of a linted file (for code frames and fingerprints). */
    sourceOf(file: string): string | undefined;
    /** Rules and policies that may be reported, beyond the linter's own (pack policies). */
    rules?: RuleInfo[];
    /** Problems that kept the command from finishing (a program that failed, an unreadable stack). */
    problems: string[];
    /** What was deliberately not looked at, and why (named so nothing is skipped silently). */
    skipped?: string[];
    /** What the run could only partly see (a package that is not installed), said once. */
    notices?: string[];
}

export interface Counted {
    filesLinted?: number;
    stacksPreviewed?: number;
    stacksAudited?: number;
    resourcesChecked?: number;
}

export interface Summary extends Counted {
    errors: number;
    warnings: number;
    problems: number;
}

export function summarize(report: Report): Summary {
    return {
        ...report.counted,
        errors: report.findings.filter((f) => f.severity === "error").length,
        warnings: report.findings.filter((f) => f.severity === "warning").length,
        problems: report.problems.length,
    };
}

/** `3 files checked and 2 stacks previewed`: what the run looked at, for summaries. */
export function describeCounted(c: Counted): string {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const parts: string[] = [];
    if (c.filesLinted !== undefined) {
        parts.push(`${plural(c.filesLinted, "file")} checked`);
    }
    if (c.stacksPreviewed !== undefined) {
        parts.push(`${plural(c.stacksPreviewed, "stack")} previewed`);
    }
    if (c.stacksAudited !== undefined) {
        parts.push(`${plural(c.stacksAudited, "stack")} audited`);
    }
    if (c.resourcesChecked !== undefined) {
        parts.push(`${plural(c.resourcesChecked, "resource")} checked`);
    }
    return parts.length <= 1 ? (parts[0] ?? "nothing checked") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** Where a finding is: relative to `cwd` for a file; a URL (an audited `s3://` checkpoint) as it is. */
export function relativePath(cwd: string, file: string): string {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
        return file;
    }
    return path.relative(cwd, file).split(path.sep).join("/") || path.basename(file);
}

export type Formatter = (report: Report, options: { color: boolean }) => string;
