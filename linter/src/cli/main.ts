import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { GuardrailError } from "../errors";
import type { PackPool } from "../engine/pack-sessions";
import type { Report } from "../report/model";
import { TOOL_VERSION } from "../version";
import { CliContext, processContext } from "./context";
import { EXIT_USAGE } from "./exit-codes";
import { fail, finish, ReportOptions } from "./finish";
import { lintCommand } from "./lint-command";
import { addPreviewRunFlags } from "./preview-flags";

function nonNegativeInt(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
        throw new InvalidArgumentError("must be a whole number, 0 or more");
    }
    return n;
}

/** The options every command that reports findings takes, meaning the same everywhere. */
function withReportOptions(c: Command): Command {
    return c
        .addOption(new Option("-f, --format <format>", "output format").choices(["stylish", "json", "sarif", "github"]).default("stylish"))
        .option("-o, --output-file <file>", "write the report to a file instead of stdout")
        .option("--max-warnings <n>", "exit 1 when there are more warnings than this", nonNegativeInt)
        .option("-c, --config <file>", "configuration file (default: guardrail.config.json or package.json#guardrail, searched upwards)")
        .option("--no-color", "plain output without colours");
}

function withLintOptions(c: Command): Command {
    return c.option("--typed", "let the type checker settle options the fast path cannot see through (slower)");
}

/** Repeatable options collect into a list. */
function collect(value: string, previous: string[]): string[] {
    return [...previous, value];
}

function withPackOptions(c: Command): Command {
    return c
        .option("--policy-pack <dir>", "the CrossGuard policy pack (default: preview.policyPack in guardrail.config.json)")
        .option("--policy-pack-config <file>", "its --policy-pack-config JSON (default: preview.policyPackConfig in guardrail.config.json)");
}

function withPreviewOptions(c: Command): Command {
    return withPackOptions(addPreviewRunFlags(c).option("-s, --stack <stack>", "only this stack (default: every Pulumi.<stack>.yaml of the project)"));
}

/** The parsed command line: the program, and the exit code its action sets. */
interface Run {
    cli: Command;
    code: number;
}

function program(ctx: CliContext): Run {
    const run: Run = { cli: new Command("guardrail"), code: 0 };
    /** Every command that reports ends the same way: `finish` writes the report and picks the exit code. */
    const reporting = async (produce: Promise<Report>, options: ReportOptions) => {
        run.code = finish(await produce, options, ctx);
    };
    const cli = run.cli
        .description("Multi-account guardrails for Pulumi on AWS: nothing may reach AWS without an explicit provider.")
        .version(TOOL_VERSION, "-V, --version", "print the version")
        .exitOverride()
        .configureOutput({ writeErr: (s) => ctx.stderr.write(s), writeOut: (s) => ctx.stdout.write(s) })
        .showHelpAfterError("(run with --help for usage)");

    withLintOptions(
        withReportOptions(
            cli.command("lint")
                .description("statically check TypeScript Pulumi programs (files or folders; default: the working directory)")
                .argument("[paths...]", "files or folders to lint"),
        ),
    ).action((paths: string[], options) => reporting(lintCommand(paths, options, ctx), options));

    withPreviewOptions(
        withReportOptions(
            cli.command("preview")
                .description("run a Pulumi program offline under mocks and put every resource through the policy pack, as `pulumi preview --policy-pack` would")
                .argument("<program-dir>", "folder with Pulumi.yaml"),
        ),
    ).action(async (programDir: string, options) => {
        // Loaded on demand: the engine protocol and the Pulumi SDK would slow every lint run.
        const { previewCommand } = await import("./preview-command");
        await reporting(previewCommand(programDir, options, ctx), options);
    });

    withPreviewOptions(
        withLintOptions(
            withReportOptions(
                cli.command("check")
                    .description("lint, then preview every Pulumi project (each of its stacks) under the paths: one summary, one exit code")
                    .argument("[paths...]", "files or folders (default: the working directory)"),
            ),
        ),
    ).action(async (paths: string[], options) => {
        const { checkCommand } = await import("./preview-command");
        await reporting(checkCommand(paths, options, ctx), options);
    });

    cli.command("org-map")
        .description("draw the organisation map: sign-in -> management roles -> sub-account roles per environment, and the OU tree")
        .option("--org-map <file>", "the organisation map (default: $GUARDRAILS_ORG_MAP, else bootstrap/organization/organization.yaml)")
        .addOption(new Option("-f, --format <format>", "mermaid (renders in GitHub Markdown) or text").choices(["mermaid", "text"]).default("mermaid"))
        .action(async (options) => {
            const { orgMapCommand } = await import("./org-map-command");
            run.code = orgMapCommand(options, ctx);
        });
    cli.command("init")
        .description("set up guardrails in this repository: guardrail.config.json, a policypack/ folder over the policy library, its policy-config.json")
        .option("--org-map <file>", "the organisation map the accounts come from")
        .option("--management-account <id>", "the management account id (without --org-map)")
        .option("--account <name=id[:environment]>", "a sub-account (repeatable; without --org-map)", collect, [])
        .option("--management-project <name>", "a Pulumi project that may act in the management account (repeatable; without --org-map)", collect, [])
        .option("--environment <name>", "allow only this environment's sub-accounts (allowedAccountIds)")
        .option("--force", "overwrite files that exist with other contents")
        .action(async (options) => {
            const { initCommand } = await import("./init-command");
            run.code = initCommand(options, ctx);
        });
    cli.command("policy-config")
        .description("write the --policy-pack-config file from the organisation map")
        .option("--org-map <file>", "the organisation map (default: $GUARDRAILS_ORG_MAP)")
        .option("--environment <name>", "allow only this environment's sub-accounts (allowedAccountIds)")
        .option("--out <file>", "write here instead of stdout")
        .action(async (options) => {
            const { policyConfigCommand } = await import("./policy-config-command");
            run.code = policyConfigCommand(options, ctx);
        });
    withPackOptions(
        withReportOptions(
            cli.command("audit")
                .description("run the policy pack over existing stack state (stack exports, file:// or s3:// self-managed backends), offline and read-only")
                .argument("<source...>", "a `pulumi stack export` file or folder of them, file://<dir>, or s3://<bucket>[/<prefix>]?region=R[&profile=P][&endpoint=URL]"),
        ),
    ).action(async (sources: string[], options) => {
        const { auditCommand } = await import("./audit-command");
        await reporting(auditCommand(sources, options, ctx), options);
    });
    return run;
}

/**
 * Runs the CLI; resolves to the exit code. Never throws for bad input. `ctx` is the process's own
 * stdout, stderr and working directory unless an embedding process gives its own (cli/context.ts).
 */
export async function main(argv: string[], ctx: CliContext = processContext()): Promise<number> {
    const run = program(ctx);
    try {
        await run.cli.parseAsync(argv);
        return run.code;
    } catch (e) {
        if (e instanceof CommanderError) {
            // --help and --version end here with code 0; usage mistakes with a message already printed.
            return e.exitCode === 0 ? 0 : EXIT_USAGE;
        }
        if (e instanceof GuardrailError) {
            return fail(e.message, ctx);
        }
        const why = e instanceof Error ? e.message : String(e);
        ctx.stderr.write(`${pc.createColors(ctx.color).red("guardrail: internal error:")} ${why}\n`);
        if (process.env.GUARDRAIL_DEBUG && e instanceof Error && e.stack) {
            ctx.stderr.write(`${e.stack}\n`);
        }
        return EXIT_USAGE;
    }
}

/**
 * A pool of policy packs for callers that run the CLI many times in one process (the tests'
 * in-process CLI), kept across runs. Loaded on first use, not with this module: `lint` never
 * needs the engine, and loading it costs the linter some 70 ms of its start.
 */
export function createPackPool(): PackPool {
    // require, not import: esbuild bundles it as a module initialised on this first call.
    const engine = require("../engine/pack-sessions") as typeof import("../engine/pack-sessions");
    return new engine.PackPool();
}
export type { CliContext, CliOutput } from "./context";
