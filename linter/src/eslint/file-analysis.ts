import * as path from "node:path";
import picomatch from "picomatch";
import type { Rule } from "eslint";
import { isLintableFile } from "../analysis/project-sources";
import { loadConfig, ResolvedConfig } from "../config";
import { ConfigError } from "../errors";
import { Linter } from "../linter";
import type { Finding } from "../report/model";
import { defaultCacheDir, SdkRegistry } from "../sdk/registry";
import { DiskSources } from "./disk-sources";

/**
 * One run of the engine per file version ESLint lints, shared by every guardrail rule of that lint:
 * ESLint hands each rule the same SourceCode object for one file, so the first rule to ask runs
 * `guardrail lint`'s analysis for that file and the others read its findings. What is expensive is
 * kept for the life of the process: the learnt SDKs (one registry) and the project's texts, folder
 * listings and parsed files (DiskSources).
 */
export interface FileAnalysis {
    /** The file's findings, every rule's (each ESLint rule reports its own). */
    findings: Finding[];
    /** The run that found them (for suggestions); undefined when the file was not analysed. */
    linter?: Linter;
    /** Why the file could not be checked (bad guardrail.config.json, an internal error): reported once, never a silent pass. */
    problem?: string;
    problemReported?: boolean;
}

let shared: { disk: DiskSources; registry: SdkRegistry } | undefined;
const analyses = new WeakMap<object, FileAnalysis>();

function sharedState(cwd: string): { disk: DiskSources; registry: SdkRegistry } {
    shared ??= { disk: new DiskSources(), registry: new SdkRegistry({ cacheDir: defaultCacheDir(cwd) }) };
    return shared;
}

/** The analysis of the file `context` lints, run at most once per lint of that file. */
export function analysisFor(context: Rule.RuleContext): FileAnalysis {
    const key = context.sourceCode;
    let analysis = analyses.get(key);
    if (!analysis) {
        analysis = analyse(path.resolve(context.cwd, context.filename), context.sourceCode.text, context.cwd);
        analyses.set(key, analysis);
    }
    return analysis;
}

function analyse(file: string, text: string, cwd: string): FileAnalysis {
    if (!isLintableFile(file)) {
        return { findings: [] };
    }
    try {
        // Found from the linted file's folder upwards, as `guardrail lint` finds it from where it runs.
        const config = loadConfig(path.dirname(file));
        if (!selected(config, file)) {
            return { findings: [] };
        }
        const { disk, registry } = sharedState(cwd);
        const linter = new Linter(config.settings, disk.hostFor(file, text), undefined, { registry });
        const findings = linter.lintFiles([file]);
        linter.saveCache();
        return { findings, linter };
    } catch (e) {
        const why = e instanceof ConfigError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
        return { findings: [], problem: why };
    }
}

/** The config's include/exclude, as `guardrail lint` applies them to the files it collects. */
function selected(config: ResolvedConfig, file: string): boolean {
    const rel = path.relative(config.baseDir, file).split(path.sep).join("/");
    return picomatch(config.include, { dot: true })(rel) && !(config.exclude.length > 0 && picomatch(config.exclude, { dot: true })(rel));
}
