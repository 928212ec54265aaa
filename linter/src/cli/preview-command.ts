import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig, ResolvedConfig } from "../config";
import { GuardrailError, UsageError } from "../errors";
import { PackSessions } from "../engine/pack-sessions";
import { inParallel, PreviewError, previewProject, StackPreview } from "../preview/preview";
import { findPulumiProjects } from "../preview/project-discovery";
import type { Finding, Report, RuleInfo } from "../report/model";
import type { CliContext } from "./context";
import { LintOptions, lintPaths } from "./lint-command";
import { previewRunFlags } from "./preview-flags";

export interface PreviewCommandOptions extends LintOptions {
    stack?: string;
    policyPack?: string;
    policyPackConfig?: string;
    /** `--stack-config` and `--timeout`, as commander parsed them (see preview-flags). */
    stackConfig?: Record<string, string>;
    timeout?: number;
}

export interface PackSettings {
    dir: string;
    config: Record<string, unknown>;
}

/** The policy pack and its config: flags first, then guardrail.config.json's `preview` block (also for `audit`). */
export function packSettings(cwd: string, options: Pick<PreviewCommandOptions, "policyPack" | "policyPackConfig">, config: ResolvedConfig): PackSettings {
    const dir = options.policyPack ? path.resolve(cwd, options.policyPack) : config.policyPack;
    const configFile = options.policyPackConfig ? path.resolve(cwd, options.policyPackConfig) : config.policyPackConfig;
    if (!dir) {
        throw new UsageError("no policy pack: pass --policy-pack <dir> or set preview.policyPack in guardrail.config.json");
    }
    if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        throw new UsageError(`${dir} is not a policy pack (no PulumiPolicy.yaml)`);
    }
    if (!configFile) {
        return { dir, config: {} };
    }
    let text: string;
    try {
        text = fs.readFileSync(configFile, "utf8");
    } catch (e) {
        throw new UsageError(`cannot read the policy pack config ${configFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    try {
        return { dir, config: JSON.parse(text) as Record<string, unknown> };
    } catch (e) {
        throw new UsageError(`${configFile} is not valid JSON: ${(e as Error).message}`);
    }
}

/** The pack's policies, once each, for the report's rule metadata. */
function policiesOf(previews: StackPreview[]): RuleInfo[] {
    return previews.flatMap((p) => p.policies).filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
}

/** `guardrail preview <program-dir> [--stack S]`. */
export async function previewCommand(programDir: string, options: PreviewCommandOptions, { cwd, packs }: CliContext): Promise<Report> {
    const pack = packSettings(cwd, options, loadConfig(cwd, options.config));
    const shared = packs?.sessions({ packDir: pack.dir, policyConfig: pack.config });
    const previews = await previewProject(path.resolve(cwd, programDir), { stack: options.stack, policyPackDir: pack.dir, policyPackConfig: pack.config, ...previewRunFlags(options), packs: shared });
    return {
        findings: previews.flatMap((p) => p.findings),
        counted: { stacksPreviewed: previews.length },
        cwd,
        sourceOf: () => undefined,
        rules: policiesOf(previews),
        problems: [],
    };
}

/** `guardrail check [paths]`: lint, then preview every Pulumi project (each of its stacks). */
export async function checkCommand(paths: string[], options: PreviewCommandOptions, ctx: CliContext): Promise<Report> {
    const { cwd } = ctx;
    const roots = paths.length > 0 ? paths : ["."];
    const config = loadConfig(cwd, options.config);
    const lint = await lintPaths(roots, cwd, options, config);
    const findings: Finding[] = [...lint.findings];
    const problems: string[] = [];
    const skipped: string[] = [];
    const report = (previews: StackPreview[]): Report => ({
        findings,
        counted: { filesLinted: lint.files.length, stacksPreviewed: previews.length },
        cwd,
        sourceOf: lint.sourceOf,
        rules: policiesOf(previews),
        problems,
        skipped,
        notices: lint.notices,
    });
    // Without a usable pack the lint results still count: report them, then why nothing was previewed.
    let pack: PackSettings;
    try {
        pack = packSettings(cwd, options, config);
    } catch (e) {
        if (!(e instanceof GuardrailError)) {
            throw e;
        }
        problems.push(e.message);
        return report([]);
    }
    const { projects, skipped: notPreviewed } = findPulumiProjects(roots, cwd, config);
    skipped.push(...notPreviewed);
    if (projects.length === 0) {
        problems.push(`no Pulumi project (Pulumi.yaml) under ${roots.join(", ")}: nothing to preview`);
    }
    // Projects side by side; their stacks are previewed side by side within previewProject too,
    // all served by the run's pack processes.
    const flags = previewRunFlags(options);
    const packs = ctx.packs?.sessions({ packDir: pack.dir, policyConfig: pack.config }) ?? new PackSessions({ packDir: pack.dir, policyConfig: pack.config });
    let outcomes: StackPreview[][];
    try {
        outcomes = await inParallel(
            projects.map((dir) => async () => {
                try {
                    return await previewProject(dir, { stack: options.stack, policyPackDir: pack.dir, policyPackConfig: pack.config, ...flags, packs });
                } catch (e) {
                    if (!(e instanceof PreviewError)) {
                        throw e;
                    }
                    problems.push(e.message);
                    return [];
                }
            }),
        );
    } finally {
        if (!ctx.packs) {
            await packs.close();
        }
    }
    const previews = outcomes.flat();
    findings.push(...previews.flatMap((p) => p.findings));
    return report(previews);
}
