import * as path from "node:path";
import pLimit from "p-limit";
import { AnalyzerSession, EngineResource, PackInfo, PolicyDiagnostic } from "../engine/analyzer-session";
import { GuardrailError } from "../errors";
import type { Finding, RuleInfo } from "../report/model";
import { messageOf } from "../report/rule-meta";
import { defaultProviderDisabled, invokeDefaultProvider, policyViolation } from "../rules";
import { toEngineView } from "./engine-view";
import { PackSessions } from "../engine/pack-sessions";
import { ProgramRun, runProgramUnderMocks } from "./program-run";
import { PulumiProject, readProject, readStackConfig, StackConfig } from "./pulumi-project";

/**
 * `guardrail preview`: what `pulumi preview --policy-pack` would report, offline. The program runs
 * under mocks, and every resource it registers goes through the policy pack over the engine's own
 * protocol (Analyze per resource, then AnalyzeStack).
 */
export interface PreviewOptions {
    /** One stack; default: every stack of the project. */
    stack?: string;
    policyPackDir: string;
    /** The `--policy-pack-config` document. */
    policyPackConfig: Record<string, unknown>;
    /** `--stack-config KEY=VALUE` test values, over the stack file's. */
    stackConfig?: Record<string, string>;
    /** `--timeout`: how long each program may run. */
    timeoutMs?: number;
    /** Deadline of each call to the pack. */
    callTimeoutMs?: number;
    /** The run's pack processes, shared by its stacks (default: the project's own). */
    packs?: PackSessions;
}

export interface StackPreview {
    project: string;
    stack: string;
    resources: number;
    findings: Finding[];
    policies: RuleInfo[];
}

/** A preview that could not be made: not a project, missing config, the program threw, the pack failed. */
export class PreviewError extends GuardrailError {
    constructor(message: string) {
        super(message);
        this.name = "PreviewError";
    }
}

const EXPORT_NOT_CALLED: RuleInfo = {
    id: "program-export-not-called",
    description: "The program's CommonJS module exports a function as `default`, which the Pulumi language host never calls.",
    help: "Assign the function to the module itself (`export = async () => {...}` or `module.exports = ...`), or make the program an ES module.",
    level: "warning",
};

/** Analyze calls in flight at once, as the engine's step executor runs steps side by side. */
const ANALYZE_IN_FLIGHT = 8;

/** A policy's diagnostic as a finding at `stackFile` (the resource named by type and name, and its URN). */
export function violationFinding(d: PolicyDiagnostic, stackFile: string, resourceName: (urn: string) => string): Finding {
    const subject = d.urn ? ` (${resourceName(d.urn)})` : "";
    return {
        ruleId: d.policyName,
        severity: d.enforcementLevel === "mandatory" ? "error" : "warning",
        file: stackFile,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        message: messageOf(policyViolation, "violation", { level: d.enforcementLevel, pack: d.policyPackName, subject, message: d.message.replace(/\n/g, " ") }),
        ...(d.urn ? { urn: d.urn } : {}),
    };
}

/** Remediate + Analyze for every resource, several in flight, diagnostics in resource order. */
async function analyzeAll(session: AnalyzerSession, resources: EngineResource[]): Promise<PolicyDiagnostic[][]> {
    const limit = pLimit(ANALYZE_IN_FLIGHT);
    return Promise.all(resources.map((r) => limit(async () => (await session.analyze(r)).map((d) => ({ ...d, urn: d.urn || r.urn })))));
}

function programFailure(project: PulumiProject, stack: string, run: ProgramRun, stackConfig: StackConfig): PreviewError {
    const hint =
        stackConfig.placeholders.length > 0
            ? ` (encrypted config ${stackConfig.placeholders.join(", ")} cannot be decrypted offline, so the program saw a placeholder; give it a test value with --stack-config KEY=VALUE)`
            : "";
    return new PreviewError(`${project.name} (stack ${stack}): the program failed: ${run.errors.join("; ")}${hint}`);
}

async function previewStack(project: PulumiProject, stack: string, options: PreviewOptions, packs: PackSessions): Promise<StackPreview> {
    let stackConfig: StackConfig;
    try {
        stackConfig = readStackConfig(project, stack, options.stackConfig);
    } catch (e) {
        throw new PreviewError((e as Error).message);
    }
    const stackFile = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
    // The pack starts (or moves to this stack) while the program runs, as the engine starts
    // analyzers before the program.
    const abandon = new AbortController();
    const identity = { stack, project: project.name, organization: "organization", dryRun: true, config: stackConfig.config };
    const sessionStart = packs.acquire(identity, abandon.signal);
    sessionStart.catch(() => undefined); // reported below, after the program's own errors
    const run = await runProgramUnderMocks(
        project.dir,
        { project: project.name, stack, organization: "organization", dryRun: true, config: stackConfig.config, secretKeys: stackConfig.secretKeys, main: project.main, runtimeOptions: project.runtimeOptions },
        { timeoutMs: options.timeoutMs },
    );
    if (run.errors.length > 0) {
        abandon.abort();
        // A pack that was moved here is still good for the next stack.
        void sessionStart.then((s) => packs.release(s, true), () => undefined);
        throw programFailure(project, stack, run, stackConfig);
    }
    let session: AnalyzerSession;
    try {
        session = await sessionStart;
    } catch (e) {
        throw new PreviewError(`policy pack ${options.policyPackDir}: ${(e as Error).message}`);
    }

    const view = toEngineView(run, { stack, project: project.name, config: stackConfig.config });
    const findings: Finding[] = [];
    const policies: RuleInfo[] = [];
    const at = (ruleId: string, severity: Finding["severity"], message: string, messageId?: string): Finding => ({ ruleId, severity, file: stackFile, line: 1, column: 1, endLine: 1, endColumn: 1, message, ...(messageId ? { messageId } : {}) });
    if (run.programExportNotCalled) {
        policies.push(EXPORT_NOT_CALLED);
        findings.push(at(EXPORT_NOT_CALLED.id, "warning", `${project.name}: the program's module exports a function as \`default\`; the Pulumi language host does not call it (only a function that is the module's export itself), so whatever it would create was neither deployed by pulumi nor previewed here.`));
    }
    for (const refused of view.refusedByEngine) {
        findings.push(at(defaultProviderDisabled.id, defaultProviderDisabled.defaultSeverity, messageOf(defaultProviderDisabled, "refused", refused), "refused"));
    }
    for (const invoke of view.defaultProviderInvokes) {
        findings.push(at(invokeDefaultProvider.id, invokeDefaultProvider.defaultSeverity, messageOf(invokeDefaultProvider, "ranOnDefault", { token: invoke.token }), "ranOnDefault"));
    }

    const names = new Map(view.resources.map((r) => [r.urn, `${r.type}: ${r.name}`]));
    const name = (urn: string) => names.get(urn) ?? urn;
    try {
        for (const diagnostics of await analyzeAll(session, view.resources)) {
            findings.push(...diagnostics.map((d) => violationFinding(d, stackFile, name)));
        }
        for (const d of await session.analyzeStack(view.resources)) {
            findings.push(violationFinding(d, stackFile, name));
        }
    } catch (e) {
        await packs.release(session, false);
        throw new PreviewError(`${project.name}/${stack}: ${(e as Error).message}`);
    }
    await packs.release(session, true);
    return { project: project.name, stack, resources: run.resources.length, findings, policies: [...policies, ...packPolicies(session.info)] };
}

/** The pack's policies as rule metadata for the report (SARIF rules, help). */
export function packPolicies(info: PackInfo): RuleInfo[] {
    return info.policies.map((p) => ({
        id: p.name,
        description: p.description,
        help: p.remediationSteps || p.description,
        level: p.enforcementLevel === "mandatory" ? "error" : "warning",
    }));
}

/** Stacks previewed at once: each runs a program and a policy-pack process (2 cores here). */
const CONCURRENT_STACKS = 2;

/** Runs `jobs` at most CONCURRENT_STACKS at a time, keeping their order in the result. */
export function inParallel<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
    const limit = pLimit(CONCURRENT_STACKS);
    return Promise.all(jobs.map((job) => limit(job)));
}

export async function previewProject(dir: string, options: PreviewOptions): Promise<StackPreview[]> {
    let project: PulumiProject;
    try {
        project = readProject(path.resolve(dir));
    } catch (e) {
        throw new PreviewError((e as Error).message);
    }
    const stacks = options.stack ? [options.stack] : project.stacks;
    if (stacks.length === 0) {
        throw new PreviewError(`${project.dir} has no stacks (no Pulumi.<stack>.yaml)`);
    }
    const packs = options.packs ?? new PackSessions({ packDir: options.policyPackDir, policyConfig: options.policyPackConfig, callTimeoutMs: options.callTimeoutMs });
    try {
        return await inParallel(stacks.map((stack) => () => previewStack(project, stack, options, packs)));
    } finally {
        if (!options.packs) {
            await packs.close();
        }
    }
}
