import { GuardrailError } from "../errors";
import * as path from "node:path";
import { AnalyzerSession, PackInfo, PolicyDiagnostic } from "../engine/analyzer-session";
import type { Finding, RuleInfo } from "../report/model";
import { messageOf } from "../report/rule-meta";
import { defaultProviderDisabled, invokeDefaultProvider, policyViolation } from "../rules";
import { toEngineView } from "./engine-view";
import { runProgramUnderMocks } from "./program-run";
import { ProjectError, PulumiProject, readProject, readStackConfig } from "./pulumi-project";

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

async function previewStack(project: PulumiProject, stack: string, options: PreviewOptions): Promise<StackPreview> {
    let stackConfig;
    try {
        stackConfig = readStackConfig(project, stack);
    } catch (e) {
        throw new PreviewError((e as ProjectError).message);
    }
    const stackFile = path.join(project.dir, `Pulumi.${stack}.yaml`);
    const run = await runProgramUnderMocks(project.dir, {
        project: project.name,
        stack,
        organization: "organization",
        dryRun: true,
        config: stackConfig.config,
        secretKeys: stackConfig.secretKeys,
        main: project.main,
    });
    if (run.errors.length > 0) {
        throw new PreviewError(`${project.name} (stack ${stack}): the program failed: ${run.errors.join("; ")}`);
    }
    const view = toEngineView(run, { stack, project: project.name, config: stackConfig.config });
    const findings: Finding[] = [];
    const at = (ruleId: string, severity: Finding["severity"], message: string, messageId: string): Finding => ({ ruleId, severity, file: stackFile, line: 1, column: 1, endLine: 1, endColumn: 1, message, messageId });
    for (const refused of view.refusedByEngine) {
        findings.push(at(defaultProviderDisabled.id, defaultProviderDisabled.defaultSeverity, messageOf(defaultProviderDisabled, "refused", refused), "refused"));
    }
    for (const invoke of view.defaultProviderInvokes) {
        findings.push(at(invokeDefaultProvider.id, invokeDefaultProvider.defaultSeverity, messageOf(invokeDefaultProvider, "ranOnDefault", { token: invoke.token }), "ranOnDefault"));
    }

    let session: AnalyzerSession;
    try {
        session = await AnalyzerSession.start({
            packDir: options.policyPackDir,
            stack: { stack, project: project.name, organization: "organization", dryRun: true, config: stackConfig.config },
            policyConfig: options.policyPackConfig,
        });
    } catch (e) {
        throw new PreviewError(`policy pack ${options.policyPackDir}: ${(e as Error).message}`);
    }
    const names = new Map(view.resources.map((r) => [r.urn, `${r.type}: ${r.name}`]));
    const name = (urn: string) => names.get(urn) ?? urn;
    try {
        for (const resource of view.resources) {
            for (const d of await session.analyze(resource)) {
                findings.push(violationFinding({ ...d, urn: d.urn || resource.urn }, stackFile, name));
            }
        }
        for (const d of await session.analyzeStack(view.resources)) {
            findings.push(violationFinding(d, stackFile, name));
        }
    } catch (e) {
        throw new PreviewError(`policy pack ${options.policyPackDir} failed while analysing ${project.name}/${stack}: ${(e as Error).message}`);
    } finally {
        await session.close();
    }
    return { project: project.name, stack, resources: run.resources.length, findings, policies: packPolicies(session.info) };
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

/** Runs `jobs` at most `limit` at a time, keeping their order in the result. */
export async function inParallel<T>(jobs: (() => Promise<T>)[], limit = CONCURRENT_STACKS): Promise<T[]> {
    const results: T[] = new Array(jobs.length);
    let next = 0;
    const worker = async () => {
        while (next < jobs.length) {
            const i = next++;
            results[i] = await jobs[i]();
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
    return results;
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
    return inParallel(stacks.map((stack) => () => previewStack(project, stack, options)));
}
