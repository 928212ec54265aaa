import * as fs from "node:fs";
import * as path from "node:path";
import pc from "picocolors";
import { diskHost } from "../analysis/project-sources";
import { ConfigError, loadConfig } from "../config";
import { collectFiles, UsageError } from "../files";
import { FORMATTERS, Report } from "../formatters";
import { summarize } from "../formatters/report";
import { Linter } from "../linter";
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE } from "./exit-codes";

export interface LintCommandOptions {
    format: string;
    outputFile?: string;
    maxWarnings?: number;
    config?: string;
    typed?: boolean;
    color: boolean;
}

function fail(message: string): number {
    process.stderr.write(`${pc.red("guardrail:")} ${message}\n`);
    return EXIT_USAGE;
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
    const color = options.color && !options.outputFile && options.format === "stylish" && pc.isColorSupported;
    const text = FORMATTERS[options.format]()(report, { color });
    if (options.outputFile) {
        try {
            fs.mkdirSync(path.dirname(path.resolve(options.outputFile)), { recursive: true });
            fs.writeFileSync(options.outputFile, text);
        } catch (e) {
            return fail(`cannot write ${options.outputFile}: ${(e as Error).message}`);
        }
        process.stderr.write(formatShortSummary(report));
    } else {
        process.stdout.write(text);
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

function formatShortSummary(report: Report): string {
    const s = summarize(report);
    return `guardrail: ${s.errors} error(s), ${s.warnings} warning(s) in ${s.filesLinted} file(s)\n`;
}
