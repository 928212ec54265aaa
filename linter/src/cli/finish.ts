import * as fs from "node:fs";
import * as path from "node:path";
import pc from "picocolors";
import { FORMATTERS } from "../formatters";
import { describeCounted, Report, summarize } from "../report/model";
import type { CliContext } from "./context";
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE } from "./exit-codes";

/** The options every command that reports findings shares. */
export interface ReportOptions {
    format: string;
    outputFile?: string;
    maxWarnings?: number;
    color: boolean;
}

/** A usage/config/internal problem: one line on stderr and exit code 2. */
export function fail(message: string, ctx: CliContext): number {
    ctx.stderr.write(`${pc.createColors(ctx.color).red("guardrail:")} ${message}\n`);
    return EXIT_USAGE;
}

/**
 * The end of every command: write the report (stdout, or --output-file with a one-line summary on
 * stderr), print what kept the run from finishing, and choose the exit code: 2 if the run could not
 * finish, 1 for an error finding or more warnings than --max-warnings, else 0.
 */
export function finish(report: Report, options: ReportOptions, ctx: CliContext): number {
    const color = options.color && !options.outputFile && options.format === "stylish" && ctx.color;
    const text = FORMATTERS[options.format]()(report, { color });
    const s = summarize(report);
    if (options.outputFile) {
        try {
            const file = path.resolve(ctx.cwd, options.outputFile);
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, text);
        } catch (e) {
            return fail(`cannot write ${options.outputFile}: ${(e as Error).message}`, ctx);
        }
        ctx.stderr.write(`guardrail: ${s.errors} error(s), ${s.warnings} warning(s) (${describeCounted(report.counted)})\n`);
    } else {
        ctx.stdout.write(text);
    }
    for (const p of report.problems) {
        fail(p, ctx);
    }
    if (report.problems.length > 0) {
        return EXIT_USAGE;
    }
    if (s.errors > 0) {
        return EXIT_FINDINGS;
    }
    if (options.maxWarnings !== undefined && s.warnings > options.maxWarnings) {
        ctx.stderr.write(`guardrail: ${s.warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
        return EXIT_FINDINGS;
    }
    return EXIT_CLEAN;
}
