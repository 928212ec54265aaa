import * as path from "node:path";
import { loadOrganization, Organization, OrganizationMapError } from "../../../bootstrap/organization/src/organization";
import { UsageError } from "../errors";

/**
 * Where the map is looked for without --org-map: GUARDRAILS_ORG_MAP (which the bootstrap programs
 * and workloads also honour), else the bootstrap layout's place in the working directory.
 */
export const DEFAULT_ORG_MAP = path.join("bootstrap", "organization", "organization.yaml");

/** The map named by --org-map (or its default), read and validated; bad input is one UsageError line. */
export function readOrgMap(cwd: string, option: string | undefined, fallback: string | undefined = process.env.GUARDRAILS_ORG_MAP || DEFAULT_ORG_MAP): { org: Organization; file: string } {
    const named = option ?? fallback;
    if (!named) {
        throw new UsageError("name the organisation map with --org-map FILE");
    }
    const file = path.resolve(cwd, named);
    try {
        return { org: loadOrganization(file), file };
    } catch (e) {
        if (!(e instanceof OrganizationMapError)) {
            throw e;
        }
        const relative = path.relative(cwd, file);
        const shown = relative && !relative.startsWith("..") ? relative : file;
        const unreadable = /^cannot read the file \((\w+)\)$/.exec(e.problems[0] ?? "");
        if (unreadable) {
            throw new UsageError(`cannot read the organisation map ${shown} (${unreadable[1]}); name it with --org-map FILE or GUARDRAILS_ORG_MAP`);
        }
        // One line: the problems joined, each naming its entry (a YAML error's code frame left out).
        throw new UsageError(`invalid organisation map ${shown}: ${e.problems.map((p) => p.split("\n")[0].replace(/:$/, "")).join("; ")}`);
    }
}
