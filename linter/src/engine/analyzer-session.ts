import { PolicyDescription, PolicyPackConfigFile, reconcilePolicyConfig, EnforcementLevelName } from "./engine-config";
import { marshalPropertiesForAnalyzer } from "./marshal";
import { StackIdentity, startPolicyPack, RunningPolicyPack } from "./policy-pack-process";
import { analyzerGrpc, analyzerPb, emptyPb, structPb } from "./protocol";
import type * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { appendFields, encodeStruct, messageField, stringField } from "./struct-wire";
import { Status, UnaryCallError, UnaryChannel } from "./unary-channel";

/**
 * A resource as the engine holds it. `properties` are wire values as the SDK sent them or state
 * holds them (resource references, output values and internal keys included): the session
 * marshals them as the engine does for an analyzer before they reach the pack.
 */
export interface EngineResource {
    type: string;
    urn: string;
    name: string;
    properties: Record<string, unknown>;
    /** URN of the parent (component or stack). */
    parent?: string;
    provider?: EngineProvider;
    dependencies?: string[];
}

export interface EngineProvider {
    type: string;
    urn: string;
    name: string;
    properties: Record<string, unknown>;
}

export interface PolicyDiagnostic {
    policyName: string;
    policyPackName: string;
    message: string;
    enforcementLevel: EnforcementLevelName;
    urn: string;
    severity: string;
}

export interface SessionOptions {
    packDir: string;
    stack?: Partial<StackIdentity>;
    /** The contents of a `--policy-pack-config` file. */
    policyConfig?: PolicyPackConfigFile;
    tags?: Record<string, string>;
    startTimeoutMs?: number;
    /** Deadline of every call to the pack; a pack that does not answer in time is an error, never a hang. */
    callTimeoutMs?: number;
    /** Abandons a start: the pack is stopped (also once it has started) and start() rejects. */
    signal?: AbortSignal;
    /**
     * The engine checks the config against each policy's schema before `Configure`. Turn this off to
     * send the config unchecked, as an engine that skipped the check would, and see what the pack does.
     */
    engineValidatesConfig?: boolean;
    /** Start the pack so that `switchStack` can move it to other stacks (guardrail audit). */
    reusable?: boolean;
}

const LEVEL_NAMES: Record<number, EnforcementLevelName> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const LEVEL_VALUES: Record<EnforcementLevelName, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
const SEVERITY_NAMES: Record<number, string> = { 0: "", 1: "low", 2: "medium", 3: "high", 4: "critical" };

const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/** A call the pack failed or did not answer in time: names the call, what it was about and the pack. */
class AnalyzerCallError extends Error {
    constructor(
        message: string,
        readonly code: number | undefined,
    ) {
        super(message);
        this.name = "AnalyzerCallError";
    }
}

type Service = typeof analyzerGrpc.AnalyzerService;
type Method = keyof Service;
type RequestOf<M extends Method> = Parameters<Service[M]["requestSerialize"]>[0];
type ResponseOf<M extends Method> = ReturnType<Service[M]["responseDeserialize"]>;

/** One unary RPC with a deadline; `what` names it in errors ("Analyze for <urn>"). */
async function unary<M extends Method>(channel: UnaryChannel, pack: string, what: string, timeoutMs: number, method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
    const definition = analyzerGrpc.AnalyzerService[method];
    // The generated serializer checks the request is one of @pulumi/pulumi's own message classes.
    const bytes = (definition.requestSerialize as (r: RequestOf<M>) => Buffer)(request);
    let answer: Buffer;
    try {
        answer = await channel.call(definition.path, bytes, timeoutMs);
    } catch (e) {
        const err = e as UnaryCallError;
        const message =
            err.code === Status.DEADLINE_EXCEEDED ? `policy pack ${pack} did not answer ${what} within ${timeoutMs / 1000} s` : `policy pack ${pack} failed ${what}: ${err.details || err.message}`;
        throw new AnalyzerCallError(message, err.code);
    }
    return definition.responseDeserialize(answer) as ResponseOf<M>;
}

function struct(value: Record<string, unknown>) {
    // Marshalled properties are JSON values by construction; the parameter type just spells that out.
    return structPb.Struct.fromJavaScript(value as Parameters<typeof structPb.Struct.fromJavaScript>[0]);
}

/** The setters AnalyzeRequest (per resource) and AnalyzerResource (in AnalyzeStack) share. */
interface ResourceMessage {
    setType(v: string): unknown;
    setUrn(v: string): unknown;
    setName(v: string): unknown;
    setOptions(v: pb.AnalyzerResourceOptions): unknown;
    serializeBinary(): Uint8Array;
}

// Field numbers of analyzer.proto shared by AnalyzeRequest and AnalyzerResource (properties,
// provider) and of AnalyzerProviderResource (type, properties, urn, name).
const PROPERTIES_FIELD = 2;
const PROVIDER_FIELD = 6;
const RESOURCES_FIELD = 1;

/**
 * The properties and provider are written as protobuf bytes by hand (struct-wire.ts): building them
 * as generated Struct objects was most of the client's work per resource. A provider's bytes are
 * made once and reused for every resource that uses it.
 */
const providerBytes = new WeakMap<EngineProvider, Buffer>();

function providerField(p: EngineProvider): Buffer {
    let bytes = providerBytes.get(p);
    if (!bytes) {
        const provider = Buffer.concat([stringField(1, p.type), messageField(2, encodeStruct(marshalPropertiesForAnalyzer(p.properties))), stringField(3, p.urn), stringField(4, p.name)]);
        bytes = messageField(PROVIDER_FIELD, provider);
        providerBytes.set(p, bytes);
    }
    return bytes;
}

function fillResource<M extends ResourceMessage>(msg: M, r: EngineResource): M {
    msg.setType(r.type);
    msg.setUrn(r.urn);
    msg.setName(r.name);
    // Options are required: without them @pulumi/policy asks for "a more recent version of the Pulumi CLI".
    const options = new analyzerPb.AnalyzerResourceOptions();
    if (r.parent) {
        options.setParent(r.parent);
    }
    msg.setOptions(options);
    const extra = [messageField(PROPERTIES_FIELD, encodeStruct(marshalPropertiesForAnalyzer(r.properties)))];
    if (r.provider) {
        extra.push(providerField(r.provider));
    }
    return appendFields(msg, extra);
}

function toAnalyzerResource(r: EngineResource) {
    const msg = fillResource(new analyzerPb.AnalyzerResource(), r);
    if (r.parent) {
        msg.setParent(r.parent);
    }
    msg.setDependenciesList(r.dependencies ?? []);
    return msg;
}

function fromDiagnostics(list: pb.AnalyzeDiagnostic[]): PolicyDiagnostic[] {
    return list.map((d) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        message: d.getMessage(),
        enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()] ?? "mandatory",
        urn: d.getUrn(),
        severity: SEVERITY_NAMES[d.getSeverity()] ?? "",
    }));
}

export interface PackInfo {
    name: string;
    version: string;
    policies: (PolicyDescription & { description: string; severity: string; remediationSteps: string; type: "resource" | "stack" })[];
}

/**
 * Plays the Pulumi engine against a policy pack: starts it as the CLI would, makes the same calls
 * in the same order (Handshake, ConfigureStack, GetPluginInfo, GetAnalyzerInfo, Configure, then
 * Remediate + Analyze per resource and AnalyzeStack at the end).
 */
export class AnalyzerSession {
    private constructor(
        private readonly pack: RunningPolicyPack,
        private readonly channel: UnaryChannel,
        readonly info: PackInfo,
        private readonly tags: Record<string, string>,
        private readonly callTimeoutMs: number,
    ) {}

    static async start(options: SessionOptions): Promise<AnalyzerSession> {
        const stack: StackIdentity = {
            stack: "dev",
            project: "workload",
            organization: "organization",
            dryRun: true,
            config: {},
            ...options.stack,
        };
        const timeout = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
        const pack = await startPolicyPack({ packDir: options.packDir, stack, startTimeoutMs: options.startTimeoutMs, reusable: options.reusable, signal: options.signal });
        options.signal?.addEventListener("abort", () => void pack.stop());
        const client = new UnaryChannel(`127.0.0.1:${pack.port}`);
        const dir = options.packDir;
        try {
            await handshake(client, dir, timeout);
            await configureStack(client, dir, stack, options.tags ?? {}, timeout);
            await unary(client, dir, "GetPluginInfo", timeout, "getPluginInfo", new emptyPb.Empty());
            const info = await getInfo(client, dir, timeout);
            const reconciled = reconcilePolicyConfig(info.policies, options.policyConfig ?? {}, {
                validate: options.engineValidatesConfig ?? true,
            });
            const req = new analyzerPb.ConfigureAnalyzerRequest();
            const map = req.getPolicyconfigMap();
            for (const [name, cfg] of reconciled) {
                const pc = new analyzerPb.PolicyConfig();
                pc.setEnforcementlevel(LEVEL_VALUES[cfg.enforcementLevel]);
                pc.setProperties(struct(cfg.properties));
                map.set(name, pc);
            }
            await unary(client, `${info.name} (${dir})`, "Configure", timeout, "configure", req);
            return new AnalyzerSession(pack, client, info, options.tags ?? {}, timeout);
        } catch (e) {
            client.close();
            await pack.stop();
            throw e;
        }
    }

    /** The pack as errors name it: its name and folder. */
    private get packName(): string {
        return `${this.info.name} (${this.pack.dir})`;
    }

    /**
     * Remediate then Analyze, as the engine does for each resource step. Without `remediate` only
     * Analyze: for resources that already exist (an audit), where no remediation could be applied.
     */
    async analyze(resource: EngineResource, options: { remediate?: boolean } = {}): Promise<PolicyDiagnostic[]> {
        const msg = fillResource(new analyzerPb.AnalyzeRequest(), resource);
        const about = `${resource.type} ${resource.urn}`;
        if (options.remediate ?? true) {
            await unary(this.channel, this.packName, `Remediate for ${about}`, this.callTimeoutMs, "remediate", msg);
        }
        const res = await unary(this.channel, this.packName, `Analyze for ${about}`, this.callTimeoutMs, "analyze", msg);
        return fromDiagnostics(res.getDiagnosticsList());
    }

    async analyzeStack(resources: EngineResource[]): Promise<PolicyDiagnostic[]> {
        // Each resource serializes with its hand-written fields; the generated writer of a repeated
        // field would not call them, so the list is written by hand too.
        const req = appendFields(
            new analyzerPb.AnalyzeStackRequest(),
            resources.map((r) => messageField(RESOURCES_FIELD, toAnalyzerResource(r).serializeBinary())),
        );
        const what = `AnalyzeStack (${resources.length} resources)`;
        const res = await unary(this.channel, this.packName, what, this.callTimeoutMs, "analyzeStack", req);
        return fromDiagnostics(res.getDiagnosticsList());
    }

    /**
     * Serve another stack with the same pack process, as if the engine had started the pack for it
     * (environment, then ConfigureStack); only for a session started `reusable`. The policy config
     * stays as configured.
     */
    async switchStack(stack: StackIdentity): Promise<void> {
        if (!this.pack.setStack) {
            throw new Error("switchStack needs a session started with reusable: true");
        }
        await this.pack.setStack(stack);
        await configureStack(this.channel, this.pack.dir, stack, this.tags, this.callTimeoutMs);
    }

    /** The pack's process id (a caller that keeps packs running across runs must be able to stop them). */
    get pid(): number | undefined {
        return this.pack.process.pid;
    }

    async close(): Promise<void> {
        this.channel.close();
        await this.pack.stop();
    }
}

async function handshake(client: UnaryChannel, packDir: string, timeout: number): Promise<void> {
    const req = new analyzerPb.AnalyzerHandshakeRequest();
    req.setEngineAddress("127.0.0.1:0");
    req.setRootDirectory(packDir);
    req.setProgramDirectory(packDir);
    try {
        await unary(client, packDir, "Handshake", timeout, "handshake", req);
    } catch (e) {
        // @pulumi/policy does not implement Handshake; the engine carries on, and so do we.
        if ((e as AnalyzerCallError).code !== Status.UNIMPLEMENTED) {
            throw e;
        }
    }
}

async function configureStack(client: UnaryChannel, packDir: string, stack: StackIdentity, tags: Record<string, string>, timeout: number): Promise<void> {
    const req = new analyzerPb.AnalyzerStackConfigureRequest();
    req.setStack(stack.stack);
    req.setProject(stack.project);
    req.setOrganization(stack.organization);
    req.setDryRun(stack.dryRun);
    const config = req.getConfigMap();
    for (const [k, v] of Object.entries(stack.config)) {
        config.set(k, v);
    }
    const tagMap = req.getTagsMap();
    for (const [k, v] of Object.entries(tags)) {
        tagMap.set(k, v);
    }
    await unary(client, packDir, "ConfigureStack", timeout, "configureStack", req);
}

async function getInfo(client: UnaryChannel, packDir: string, timeout: number): Promise<PackInfo> {
    const info = await unary(client, packDir, "GetAnalyzerInfo", timeout, "getAnalyzerInfo", new emptyPb.Empty());
    return {
        name: info.getName(),
        version: info.getVersion(),
        policies: info.getPoliciesList().map((p) => {
            const schema = p.getConfigschema();
            return {
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()] ?? "advisory",
                severity: SEVERITY_NAMES[p.getSeverity()] ?? "",
                remediationSteps: p.getRemediationSteps(),
                type: p.getPolicyType() === analyzerPb.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
                configSchema: schema
                    ? { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>, required: schema.getRequiredList() }
                    : undefined,
            };
        }),
    };
}
