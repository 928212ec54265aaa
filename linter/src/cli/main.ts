import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { GuardrailError } from "../errors";
import type { Report } from "../report/model";
import { TOOL_VERSION } from "../version";
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

/** Every command that reports ends the same way: `finish` writes the report and picks the exit code. */
async function reporting(produce: Promise<Report>, options: ReportOptions): Promise<void> {
    process.exitCode = finish(await produce, options);
}

function program(): Command {
    const cli = new Command("guardrail")
        .description("Multi-account guardrails for Pulumi on AWS: nothing may reach AWS without an explicit provider.")
        .version(TOOL_VERSION, "-V, --version", "print the version")
        .exitOverride()
        .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
        .showHelpAfterError("(run with --help for usage)");

    withLintOptions(
        withReportOptions(
            cli.command("lint")
                .description("statically check TypeScript Pulumi programs (files or folders; default: the working directory)")
                .argument("[paths...]", "files or folders to lint"),
        ),
    ).action((paths: string[], options) => reporting(lintCommand(paths, options), options));

    withPreviewOptions(
        withReportOptions(
            cli.command("preview")
                .description("run a Pulumi program offline under mocks and put every resource through the policy pack, as `pulumi preview --policy-pack` would")
                .argument("<program-dir>", "folder with Pulumi.yaml"),
        ),
    ).action(async (programDir: string, options) => {
        // Loaded on demand: the engine protocol and the Pulumi SDK would slow every lint run.
        const { previewCommand } = await import("./preview-command");
        await reporting(previewCommand(programDir, options), options);
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
        await reporting(checkCommand(paths, options), options);
    });

    cli.command("org-map")
        .description("draw the organisation map: sign-in -> management roles -> sub-account roles per environment, and the OU tree")
        .option("--org-map <file>", "the organisation map (default: $GUARDRAILS_ORG_MAP, else bootstrap/organization/organization.yaml)")
        .addOption(new Option("-f, --format <format>", "mermaid (renders in GitHub Markdown) or text").choices(["mermaid", "text"]).default("mermaid"))
        .action(async (options) => {
            const { orgMapCommand } = await import("./org-map-command");
            process.exitCode = orgMapCommand(options);
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
            process.exitCode = initCommand(options);
        });
    cli.command("policy-config")
        .description("write the --policy-pack-config file from the organisation map")
        .option("--org-map <file>", "the organisation map (default: $GUARDRAILS_ORG_MAP)")
        .option("--environment <name>", "allow only this environment's sub-accounts (allowedAccountIds)")
        .option("--out <file>", "write here instead of stdout")
        .action(async (options) => {
            const { policyConfigCommand } = await import("./policy-config-command");
            process.exitCode = policyConfigCommand(options);
        });
    withPackOptions(
        withReportOptions(
            cli.command("audit")
                .description("run the policy pack over existing stack state (stack exports, file:// or s3:// self-managed backends), offline and read-only")
                .argument("<source...>", "a `pulumi stack export` file or folder of them, file://<dir>, or s3://<bucket>[/<prefix>]?region=R[&profile=P][&endpoint=URL]"),
        ),
    ).action(async (sources: string[], options) => {
        const { auditCommand } = await import("./audit-command");
        await reporting(auditCommand(sources, options), options);
    });
    return cli;
}

/** Runs the CLI; resolves to the exit code. Never throws for bad input. */
export async function main(argv: string[]): Promise<number> {
    process.exitCode = 0;
    try {
        await program().parseAsync(argv);
        return Number(process.exitCode ?? 0);
    } catch (e) {
        if (e instanceof CommanderError) {
            // --help and --version end here with code 0; usage mistakes with a message already printed.
            return e.exitCode === 0 ? 0 : EXIT_USAGE;
        }
        if (e instanceof GuardrailError) {
            return fail(e.message);
        }
        const why = e instanceof Error ? e.message : String(e);
        process.stderr.write(`${pc.red("guardrail: internal error:")} ${why}\n`);
        if (process.env.GUARDRAIL_DEBUG && e instanceof Error && e.stack) {
            process.stderr.write(`${e.stack}\n`);
        }
        return EXIT_USAGE;
    }
}
