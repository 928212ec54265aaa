import { ORG_MAP_FORMATS, OrgMapFormat, renderOrganizationMap } from "../../../bootstrap/organization/src/org-map";
import { UsageError } from "../errors";
import type { CliContext } from "./context";
import { EXIT_CLEAN } from "./exit-codes";
import { readOrgMap } from "./org-map-file";

export interface OrgMapCommandOptions {
    orgMap?: string;
    format: string;
}

/**
 * `guardrail org-map`: the organisation map as a Mermaid diagram or plain text, on stdout. Bad input
 * is a UsageError, which the CLI prints as one line with exit code 2.
 */
export function orgMapCommand(options: OrgMapCommandOptions, ctx: CliContext): number {
    if (!ORG_MAP_FORMATS.includes(options.format as OrgMapFormat)) {
        throw new UsageError(`--format must be one of ${ORG_MAP_FORMATS.join(", ")} (got ${JSON.stringify(options.format)})`);
    }
    ctx.stdout.write(renderOrganizationMap(readOrgMap(ctx.cwd, options.orgMap).org, options.format as OrgMapFormat));
    return EXIT_CLEAN;
}
