/**
 * `guardrail audit`: the policy pack run over state that already exists, offline and read-only.
 * Every stack's state is read, turned into what the engine would send the pack in an update
 * (`engine-resources.ts`), and sent over the engine protocol: `Analyze` per resource (no
 * `Remediate`: nothing could be applied to a resource that already exists), then `AnalyzeStack`,
 * dry run false. A stack that cannot be read is an `unreadable-stack` finding; the others go on.
 */
import pLimit from "p-limit";
import { AnalyzerSession, EngineResource, PolicyDiagnostic } from "../engine/analyzer-session";
import type { PolicyPackConfigFile } from "../engine/engine-config";
import type { StackIdentity } from "../engine/policy-pack-process";
import { GuardrailError } from "../errors";
import { defaultMaxPacks, PackPool, PackSessions } from "../engine/pack-sessions";
import { packPolicies, violationFinding } from "../preview/preview";
import type { Finding, RuleInfo } from "../report/model";
import { messageOf } from "../report/rule-meta";
import { unreadableStack } from "../rules";
import { packConfigFromState, parseStackState, StackState, StateError } from "./checkpoint";
import { auditView, AuditView } from "./engine-resources";
import { listSource } from "./sources";
import type { StackEntry } from "./stack-entry";
import { identityOf, rootStackUrn, StackIdentityOfState } from "./stack-identity";

export interface AuditOptions {
    packDir: string;
    policyPackConfig: PolicyPackConfigFile;
    cwd: string;
    /** Called after each stack (progress on stderr for long audits). */
    onStack?: (done: number, total: number, resources: number) => void;
    /** Pack processes side by side (default: one per core, at most 4). */
    packs?: number;
    /** Pack processes kept across runs by an embedding process (cli/context.ts). */
    packPool?: PackPool;
}

export interface AuditResult {
    findings: Finding[];
    stacksAudited: number;
    resourcesChecked: number;
    policies: RuleInfo[];
    skipped: string[];
    /** What stopped the audit before it finished (the pack failed). */
    problems: string[];
}

/** Analyze requests in flight on one pack: the engine, too, analyzes resource steps concurrently. */
const ANALYZE_WINDOW = 32;
/** Stacks read ahead of the ones being analyzed (an S3 round trip each). */
const READ_AHEAD = 4;

interface ReadStack {
    entry: StackEntry;
    id: StackIdentityOfState;
    state?: StackState;
    view?: AuditView;
    error?: string;
}

async function readStack(entry: StackEntry): Promise<ReadStack> {
    let state: StackState | undefined;
    try {
        state = parseStackState(await entry.read());
        return { entry, id: identityOf(entry, state), state, view: auditView(state) };
    } catch (e) {
        const reason = e instanceof StateError || !(e instanceof GuardrailError) ? (e as Error).message : String(e);
        return { entry, id: identityOf(entry, state), error: reason };
    }
}

function unreadable(s: ReadStack): Finding {
    return {
        ruleId: unreadableStack.id,
        severity: unreadableStack.defaultSeverity,
        file: s.entry.location,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        message: messageOf(unreadableStack, "unreadable", { stack: s.id.label, reason: s.error ?? "unknown" }),
        messageId: "unreadable",
    };
}

/** What the engine would start a pack with for this stack in an update. */
function stackIdentity(s: ReadStack): StackIdentity {
    return { stack: s.id.stack, project: s.id.project, organization: "organization", dryRun: false, config: packConfigFromState(s.state!.config).config };
}

async function analyzeStackState(session: AnalyzerSession, s: ReadStack): Promise<Finding[]> {
    const { state, view, id } = s as Required<ReadStack>;
    const names = new Map<string, string>(view.stack.map((r) => [r.urn, `${r.type}: ${r.name}`]));
    const name = (urn: string) => names.get(urn) ?? urn;
    const window = pLimit(ANALYZE_WINDOW);
    const perResource = await Promise.all(view.analyze.map((r: EngineResource) => window(() => session.analyze(r, { remediate: false }))));
    const findings: Finding[] = [];
    view.analyze.forEach((r, i) => {
        // As the engine does: a resource's diagnostics are reported at that resource's URN.
        const subject = `${r.type}: ${r.name}${r.note ? `, ${r.note}` : ""}`;
        for (const d of perResource[i]) {
            findings.push(violationFinding({ ...d, urn: r.urn }, s.entry.location, () => subject));
        }
    });
    const live = new Set(view.stack.map((r) => r.urn));
    const root = rootStackUrn(state, id);
    for (const d of await session.analyzeStack(view.stack)) {
        const urn = d.urn && live.has(d.urn) ? d.urn : root;
        findings.push(violationFinding({ ...d, urn } as PolicyDiagnostic, s.entry.location, name));
    }
    return findings;
}

export async function audit(sources: string[], options: AuditOptions): Promise<AuditResult> {
    const entries: StackEntry[] = [];
    const skipped: string[] = [];
    for (const source of sources) {
        const listing = await listSource(source, options.cwd);
        // The same stack named twice (a folder and a file in it) is audited once.
        entries.push(...listing.entries.filter((e) => !entries.some((seen) => seen.location === e.location)));
        skipped.push(...listing.skipped);
        if (listing.entries.length === 0) {
            skipped.push(`${source}: no stacks`);
        }
    }
    const result: AuditResult = { findings: [], stacksAudited: 0, resourcesChecked: 0, policies: [], skipped, problems: [] };
    const perStack: Finding[][] = entries.map(() => []);

    // Reads run ahead of analysis; each stack's read starts when a reader slot frees up.
    // A slot is cleared once its stack is taken: a state and its engine view stay in memory only while in use.
    const reads: (Promise<ReadStack> | undefined)[] = [];
    let started = 0;
    const startReads = (upTo: number) => {
        for (; started < Math.min(upTo, entries.length); started++) {
            reads.push(readStack(entries[started]));
        }
    };
    startReads(READ_AHEAD);

    // One worker per pack: each pack, once started, is moved from stack to stack (pack-sessions.ts).
    const workers = Math.max(1, Math.min(options.packs ?? defaultMaxPacks(), entries.length));
    const settings = { packDir: options.packDir, policyConfig: options.policyPackConfig };
    const packs = options.packPool?.sessions(settings) ?? new PackSessions({ ...settings, maxPacks: workers });
    let next = 0;
    let done = 0;
    let stopped = false;
    const worker = async () => {
        while (next < entries.length && !stopped) {
            const i = next++;
            startReads(i + READ_AHEAD + 1);
            const s = await reads[i]!;
            reads[i] = undefined;
            if (s.error !== undefined) {
                perStack[i] = [unreadable(s)];
            } else if (s.view!.analyze.length > 0 || s.view!.stack.length > 0) {
                let live: AnalyzerSession;
                try {
                    live = await packs.acquire(stackIdentity(s));
                } catch (e) {
                    stopped = true;
                    result.problems.push(`policy pack ${options.packDir}: ${(e as Error).message}`);
                    return;
                }
                try {
                    perStack[i] = await analyzeStackState(live, s);
                    if (result.policies.length === 0) {
                        result.policies = packPolicies(live.info);
                    }
                } catch (e) {
                    stopped = true;
                    await packs.release(live, false);
                    const why = (e as Error).message;
                    result.problems.push(`policy pack ${options.packDir} failed while auditing ${s.id.label} (${s.entry.location}): ${why}`);
                    return;
                }
                await packs.release(live, true);
                result.stacksAudited++;
                result.resourcesChecked += s.view!.analyze.length;
            } else {
                result.stacksAudited++;
            }
            options.onStack?.(++done, entries.length, result.resourcesChecked);
        }
    };
    try {
        await Promise.all(Array.from({ length: workers }, worker));
    } finally {
        if (!options.packPool) {
            await packs.close();
        }
    }
    result.findings = perStack.flat();
    return result;
}
