import * as fs from "node:fs";
import * as path from "node:path";
import pc from "picocolors";
import { FORMATTERS, Report } from "../formatters";
import { summarize } from "../formatters/report";
import { EXIT_USAGE } from "./exit-codes";

export interface OutputOptions {
    format: string;
    outputFile?: string;
    color: boolean;
}

/** A usage/config/internal problem: one line on stderr and exit code 2. */
export function fail(message: string): number {
    process.stderr.write(`${pc.red("guardrail:")} ${message}\n`);
    return EXIT_USAGE;
}

/**
 * Formats the report to stdout, or to --output-file with a one-line summary on stderr.
 * Returns an exit code only when writing failed.
 */
export function writeReport(report: Report, options: OutputOptions): number | undefined {
    const color = options.color && !options.outputFile && options.format === "stylish" && pc.isColorSupported;
    const text = FORMATTERS[options.format]()(report, { color });
    if (!options.outputFile) {
        process.stdout.write(text);
        return undefined;
    }
    try {
        fs.mkdirSync(path.dirname(path.resolve(options.outputFile)), { recursive: true });
        fs.writeFileSync(options.outputFile, text);
    } catch (e) {
        return fail(`cannot write ${options.outputFile}: ${(e as Error).message}`);
    }
    const s = summarize(report);
    process.stderr.write(`guardrail: ${s.errors} error(s), ${s.warnings} warning(s) in ${s.filesLinted} file(s)\n`);
    return undefined;
}
