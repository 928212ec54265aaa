import { accountsFromFlags } from "../adoption/accounts-from-flags";
import { CI_STEP, initRepository, PRE_COMMIT_SNIPPET } from "../adoption/init";
import { UsageError } from "../errors";
import type { CliContext } from "./context";
import { EXIT_CLEAN, EXIT_FINDINGS } from "./exit-codes";
import { readOrgMap } from "./org-map-file";
import { policyConfigFor } from "./policy-config-command";

export interface InitCommandOptions {
    orgMap?: string;
    managementAccount?: string;
    account: string[];
    managementProject: string[];
    environment?: string;
    force?: boolean;
}

const SAID: Record<string, string> = { created: "created", unchanged: "unchanged", overwritten: "overwritten", kept: "kept (differs from what init writes; --force overwrites it)" };

/**
 * `guardrail init`: the guardrail setup for the repository in the working directory, from an
 * organisation map or from account flags. Exit 1 when a file was kept because it differs (the
 * setup is then not what init would write), 0 otherwise.
 */
export function initCommand(options: InitCommandOptions, ctx: CliContext): number {
    const flagsGiven = options.managementAccount !== undefined || options.account.length > 0 || options.managementProject.length > 0;
    if (options.orgMap !== undefined && flagsGiven) {
        throw new UsageError("give either --org-map or --management-account/--account/--management-project, not both (the map already names the accounts)");
    }
    if (options.orgMap === undefined && !flagsGiven) {
        throw new UsageError("name the accounts: --org-map FILE (an organisation map), or --management-account ID with --account NAME=ID[:ENVIRONMENT] for each sub-account");
    }
    const accounts = options.orgMap !== undefined ? readOrgMap(ctx.cwd, options.orgMap).org : accountsFromFlags(options.managementAccount, options.account, options.managementProject);
    const result = initRepository(ctx.cwd, policyConfigFor(accounts, options.environment), options.force ?? false);
    for (const { file, outcome } of result.files) {
        ctx.stdout.write(`  ${file}: ${SAID[outcome]}\n`);
    }
    for (const line of result.todo) {
        ctx.stdout.write(`next: ${line}\n`);
    }
    ctx.stdout.write(`\nRun it: npx guardrail check   (and pulumi preview --policy-pack ./policypack --policy-pack-config ./policypack/policy-config.json)\n`);
    ctx.stdout.write(`\nAt commit, with pre-commit:\n${PRE_COMMIT_SNIPPET}\nIn CI:\n${CI_STEP}`);
    return result.files.some((f) => f.outcome === "kept") ? EXIT_FINDINGS : EXIT_CLEAN;
}
