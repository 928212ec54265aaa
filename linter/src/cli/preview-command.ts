import * as fs from "node:fs";
import * as path from "node:path";
import pc from "picocolors";
import { diskHost } from "../analysis/project-sources";
import { ConfigError, loadConfig, ResolvedConfig } from "../config";
import { collectFiles, UsageError } from "../files";
import type { Report } from "../formatters";
import { summarize } from "../formatters/report";
import type { Finding } from "../linter";
import { Linter } from "../linter";
import { inParallel, PreviewError, previewProject, StackPreview } from "../preview/preview";
import { isPulumiProject } from "../preview/pulumi-project";
import { SKIPPED_DIRS } from "../analysis/project-sources";
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE } from "./exit-codes";
import { fail, writeReport } from "./output";

export interface PreviewCommandOptions {
    stack?: string;
    policyPack?: string;
    policyPackConfig?: string;
    config?: string;
    format: string;
    outputFile?: string;
    color: boolean;
}


/** The policy pack and its config: flags first, then guardrail.config.json's `preview` block. */
function packSettings(cwd: string, options: PreviewCommandOptions, config: ResolvedConfig): { dir: string; config: Record<string, unknown> } {
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

/** Folders holding a Pulumi.yaml under `paths` (not inside node_modules or build output). */
export function findPulumiProjects(paths: string[], cwd: string): string[] {
    const found = new Set<string>();
    const walk = (dir: string) => {
        if (isPulumiProject(dir)) {
            found.add(dir);
        }
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            if (e.isDirectory() && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith(".") && e.name !== "state") {
                walk(path.join(dir, e.name));
            }
        }
    };
    for (const p of paths) {
        const abs = path.resolve(cwd, p);
        if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
            walk(abs);
        }
    }
    return [...found].sort();
}


function reportOf(findings: Finding[], previews: StackPreview[], filesLinted: number, sourceOf: Report["sourceOf"]): Report {
    const policies = previews.flatMap((p) => p.policies).filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
    return { findings, filesLinted, cwd: process.cwd(), sourceOf, policies, stacks: previews.map((p) => `${p.project}/${p.stack}`) };
}

function exitCode(report: Report, problems: string[]): number {
    for (const p of problems) {
        process.stderr.write(`${pc.red("guardrail:")} ${p}\n`);
    }
    if (problems.length > 0) {
        return EXIT_USAGE;
    }
    return summarize(report).errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** `guardrail preview <program-dir> [--stack S]`. */
export async function previewCommand(programDir: string, options: PreviewCommandOptions): Promise<number> {
    const cwd = process.cwd();
    try {
        const config = loadConfig(cwd, options.config);
        const pack = packSettings(cwd, options, config);
        const previews = await previewProject(path.resolve(cwd, programDir), { stack: options.stack, policyPackDir: pack.dir, policyPackConfig: pack.config });
        const report = reportOf(previews.flatMap((p) => p.findings), previews, 0, () => undefined);
        return writeReport(report, options) ?? exitCode(report, []);
    } catch (e) {
        if (e instanceof ConfigError || e instanceof UsageError || e instanceof PreviewError) {
            return fail(e.message);
        }
        throw e;
    }
}

/** `guardrail check [paths]`: lint, then preview every Pulumi project (each of its stacks). */
export async function checkCommand(paths: string[], options: PreviewCommandOptions): Promise<number> {
    const cwd = process.cwd();
    const roots = paths.length > 0 ? paths : ["."];
    let config: ResolvedConfig;
    let pack: { dir: string; config: Record<string, unknown> };
    let files: string[];
    try {
        config = loadConfig(cwd, options.config);
        pack = packSettings(cwd, options, config);
        files = collectFiles(roots, cwd, config);
    } catch (e) {
        if (e instanceof ConfigError || e instanceof UsageError) {
            return fail(e.message);
        }
        throw e;
    }
    const linter = new Linter(config.settings, diskHost);
    const findings = linter.lintFiles(files);
    const previews: StackPreview[] = [];
    const problems: string[] = [];
    const projects = findPulumiProjects(roots, cwd);
    if (projects.length === 0) {
        problems.push(`no Pulumi project (Pulumi.yaml) under ${roots.join(", ")}: nothing to preview`);
    }
    // Projects side by side; their stacks are previewed side by side within previewProject too.
    const outcomes = await inParallel(
        projects.map((dir) => async () => {
            try {
                return await previewProject(dir, { stack: options.stack, policyPackDir: pack.dir, policyPackConfig: pack.config });
            } catch (e) {
                if (!(e instanceof PreviewError)) {
                    throw e;
                }
                problems.push(e.message);
                return [];
            }
        }),
    );
    previews.push(...outcomes.flat());
    findings.push(...previews.flatMap((p) => p.findings));
    const report = reportOf(findings, previews, files.length, (f) => linter.sources.get(f)?.text);
    return writeReport(report, options) ?? exitCode(report, problems);
}
