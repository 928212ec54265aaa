import { diskHost } from "../analysis/project-sources";
import { ConfigError, loadConfig } from "../config";
import { collectFiles, UsageError } from "../files";
import type { Report } from "../formatters";
import { summarize } from "../formatters/report";
import { Linter } from "../linter";
import { EXIT_CLEAN, EXIT_FINDINGS } from "./exit-codes";
import { fail, writeReport } from "./output";

export interface LintCommandOptions {
    format: string;
    outputFile?: string;
    maxWarnings?: number;
    config?: string;
    typed?: boolean;
    color: boolean;
}

export async function lintCommand(paths: string[], options: LintCommandOptions): Promise<number> {
    const cwd = process.cwd();
    let files: string[];
    let linter: Linter;
    try {
        const config = loadConfig(cwd, options.config);
        files = collectFiles(paths.length > 0 ? paths : ["."], cwd, config);
        if (files.length === 0) {
            return fail(`no TypeScript files to lint in ${paths.join(", ") || "."} (after include/exclude)`);
        }
        // The type checker (ts-morph Project) is loaded only for --typed.
        const typed = options.typed ? (await import("../typed")).createTypedOracle(cwd, files) : undefined;
        linter = new Linter(config.settings, diskHost, typed);
    } catch (e) {
        if (e instanceof ConfigError || e instanceof UsageError) {
            return fail(e.message);
        }
        throw e;
    }
    const findings = linter.lintFiles(files);
    const report: Report = { findings, filesLinted: files.length, cwd, sourceOf: (f) => linter.sources.get(f)?.text };
    const writeFailed = writeReport(report, options);
    if (writeFailed !== undefined) {
        return writeFailed;
    }
    const summary = summarize(report);
    if (summary.errors > 0) {
        return EXIT_FINDINGS;
    }
    if (options.maxWarnings !== undefined && summary.warnings > options.maxWarnings) {
        process.stderr.write(`guardrail: ${summary.warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
        return EXIT_FINDINGS;
    }
    return EXIT_CLEAN;
}
