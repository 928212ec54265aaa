import { audit } from "../audit/audit";
import { loadConfig } from "../config";
import type { Report } from "../report/model";
import type { CliContext, CliOutput } from "./context";
import { packSettings } from "./preview-command";

export interface AuditCommandOptions {
    policyPack?: string;
    policyPackConfig?: string;
    config?: string;
}

/** Progress lines once an audit has this many stacks (fewer finish before anyone would wonder). */
const PROGRESS_FROM = 5;

function progress(total: number, stderr: CliOutput): ((done: number, all: number, resources: number) => void) | undefined {
    if (total < PROGRESS_FROM) {
        return undefined;
    }
    const tty = stderr.isTTY === true;
    let last = 0;
    return (done, all, resources) => {
        const now = Date.now();
        // One line a second at most when stderr is a log; a line rewritten in place on a terminal.
        if (!tty && done < all && now - last < 1000) {
            return;
        }
        last = now;
        const line = `guardrail audit: ${done}/${all} stacks, ${resources.toLocaleString("en-US")} resources checked`;
        stderr.write(tty ? `\r${line}${done === all ? "\n" : ""}` : `${line}\n`);
    };
}

/** `guardrail audit <source>...`: the policy pack over the stacks' own state. */
export async function auditCommand(sources: string[], options: AuditCommandOptions, ctx: CliContext): Promise<Report> {
    const { cwd } = ctx;
    const pack = packSettings(cwd, options, loadConfig(cwd, options.config));
    let onStack: ReturnType<typeof progress>;
    const result = await audit(sources, {
        packDir: pack.dir,
        policyPackConfig: pack.config,
        cwd,
        packPool: ctx.packs,
        onStack: (done, all, resources) => {
            onStack ??= progress(all, ctx.stderr);
            onStack?.(done, all, resources);
        },
    });
    return {
        findings: result.findings,
        counted: { stacksAudited: result.stacksAudited, resourcesChecked: result.resourcesChecked },
        cwd,
        sourceOf: () => undefined,
        rules: result.policies,
        problems: [...new Set(result.problems)],
        skipped: result.skipped,
    };
}
