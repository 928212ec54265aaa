import * as path from "node:path";
import { loadOrganization, OrganizationMapError } from "../../../bootstrap/organization/src/organization";
import { ORG_MAP_FORMATS, OrgMapFormat, renderOrganizationMap } from "../../../bootstrap/organization/src/org-map";
import { UsageError } from "../errors";
import { EXIT_CLEAN } from "./exit-codes";

/**
 * Where the map is looked for without --org-map: GUARDRAILS_ORG_MAP (which the bootstrap programs
 * and workloads also honour), else the bootstrap layout's place in the working directory.
 */
export const DEFAULT_ORG_MAP = path.join("bootstrap", "organization", "organization.yaml");

export interface OrgMapCommandOptions {
    orgMap?: string;
    format: string;
}

/**
 * `guardrail org-map`: the organisation map as a Mermaid diagram or plain text, on stdout. Bad input
 * is a UsageError, which the CLI prints as one line with exit code 2.
 */
export function orgMapCommand(options: OrgMapCommandOptions): number {
    if (!ORG_MAP_FORMATS.includes(options.format as OrgMapFormat)) {
        throw new UsageError(`--format must be one of ${ORG_MAP_FORMATS.join(", ")} (got ${JSON.stringify(options.format)})`);
    }
    const file = path.resolve(options.orgMap ?? (process.env.GUARDRAILS_ORG_MAP || DEFAULT_ORG_MAP));
    try {
        process.stdout.write(renderOrganizationMap(loadOrganization(file), options.format as OrgMapFormat));
        return EXIT_CLEAN;
    } catch (e) {
        if (e instanceof OrganizationMapError) {
            const relative = path.relative(process.cwd(), file);
            const shown = relative && !relative.startsWith("..") ? relative : file;
            const unreadable = /^cannot read the file \((\w+)\)$/.exec(e.problems[0] ?? "");
            if (unreadable) {
                throw new UsageError(`cannot read the organisation map ${shown} (${unreadable[1]}); name it with --org-map FILE or GUARDRAILS_ORG_MAP`);
            }
            // One line: the problems joined, each naming its entry (a YAML error's code frame left out).
            throw new UsageError(`invalid organisation map ${shown}: ${e.problems.map((p) => p.split("\n")[0].replace(/:$/, "")).join("; ")}`);
        }
        throw e;
    }
}
