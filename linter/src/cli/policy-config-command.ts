import * as fs from "node:fs";
import * as path from "node:path";
import { policyConfigFromOrganization, PolicyConfigAccounts } from "../../../bootstrap/organization/src/write-policy-config";
import { GuardrailError, UsageError } from "../errors";
import type { CliContext } from "./context";
import { EXIT_CLEAN } from "./exit-codes";
import { readOrgMap } from "./org-map-file";

export interface PolicyConfigCommandOptions {
    orgMap?: string;
    environment?: string;
    out?: string;
}

/** The `--policy-pack-config` document for these accounts; an unknown environment is a usage error. */
export function policyConfigFor(accounts: PolicyConfigAccounts, environment: string | undefined): Record<string, Record<string, unknown>> {
    try {
        return policyConfigFromOrganization(accounts, environment);
    } catch (e) {
        throw new UsageError(`--environment ${environment}: ${(e as Error).message}`);
    }
}

/**
 * `guardrail policy-config --org-map FILE [--environment E] [--out F]`: the same writer as this
 * repository's `npm run policy-config`, for any repository. Without --out the document goes to stdout.
 */
export function policyConfigCommand(options: PolicyConfigCommandOptions, ctx: CliContext): number {
    const { org } = readOrgMap(ctx.cwd, options.orgMap, process.env.GUARDRAILS_ORG_MAP);
    const text = `${JSON.stringify(policyConfigFor(org, options.environment), null, 2)}\n`;
    if (!options.out) {
        ctx.stdout.write(text);
        return EXIT_CLEAN;
    }
    try {
        fs.writeFileSync(path.resolve(ctx.cwd, options.out), text);
    } catch (e) {
        throw new GuardrailError(`cannot write ${options.out}: ${(e as Error).message}`);
    }
    ctx.stderr.write(`wrote ${options.out}\n`);
    return EXIT_CLEAN;
}
