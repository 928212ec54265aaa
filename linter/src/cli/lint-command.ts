import { diskHost } from "../analysis/project-sources";
import { loadConfig, ResolvedConfig } from "../config";
import { UsageError } from "../errors";
import { collectFiles } from "../files";
import { Linter } from "../linter";
import type { Finding, Report } from "../report/model";
import type { CliContext } from "./context";

/** Options every command that lints shares. */
export interface LintOptions {
    config?: string;
    typed?: boolean;
}

export interface LintResult {
    config: ResolvedConfig;
    files: string[];
    findings: Finding[];
    sourceOf: Report["sourceOf"];
    notices: string[];
}

/** Lints `paths` (default: the working directory) with the configuration found from `cwd`. */
export async function lintPaths(paths: string[], cwd: string, options: LintOptions, config = loadConfig(cwd, options.config)): Promise<LintResult> {
    const files = collectFiles(paths.length > 0 ? paths : ["."], cwd, config);
    if (files.length === 0) {
        throw new UsageError(`no TypeScript files to lint in ${paths.join(", ") || "."} (after include/exclude)`);
    }
    // The type checker (ts-morph Project) is loaded only for --typed.
    const typed = options.typed ? (await import("../typed")).createTypedOracle(cwd, files) : undefined;
    const linter = new Linter(config.settings, diskHost, typed);
    const findings = linter.lintFiles(files);
    linter.saveCache();
    return { config, files, findings, sourceOf: (f) => linter.sources.get(f)?.text, notices: linter.notices() };
}

/** `guardrail lint [paths...]`. */
export async function lintCommand(paths: string[], options: LintOptions, { cwd }: CliContext): Promise<Report> {
    const result = await lintPaths(paths, cwd, options);
    return { findings: result.findings, counted: { filesLinted: result.files.length }, cwd, sourceOf: result.sourceOf, problems: [], notices: result.notices };
}
