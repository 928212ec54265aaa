import type * as grpcTypes from "@grpc/grpc-js";
import { PolicyDescription, PolicyPackConfigFile, reconcilePolicyConfig, EnforcementLevelName } from "./engine-config";
import { marshalPropertiesForAnalyzer } from "./marshal";
import { StackIdentity, startPolicyPack, RunningPolicyPack } from "./policy-pack-process";
import { analyzerGrpc, analyzerPb, AnalyzerClient, emptyPb, grpc, structPb } from "./protocol";
import type * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { appendFields, encodeStruct, messageField, stringField } from "./struct-wire";

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

type Invoke<Res> = (metadata: grpcTypes.Metadata, options: Partial<grpcTypes.CallOptions>, callback: (err: grpcTypes.ServiceError | null, res: Res) => void) => unknown;

/** One unary RPC as a promise, with a deadline; `what` names it in errors ("Analyze for <urn>"). */
function unary<Res>(pack: string, what: string, timeoutMs: number, invoke: Invoke<Res>): Promise<Res> {
    return new Promise((resolve, reject) => {
        invoke(new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
            if (!err) {
                resolve(res);
                return;
            }
            const message =
                err.code === grpc.status.DEADLINE_EXCEEDED
                    ? `policy pack ${pack} did not answer ${what} within ${timeoutMs / 1000} s`
                    : `policy pack ${pack} failed ${what}: ${err.details || err.message}`;
            reject(new AnalyzerCallError(message, err.code));
        });
    });
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
        private readonly client: AnalyzerClient,
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
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        const dir = options.packDir;
        try {
            await handshake(client, dir, timeout);
            await configureStack(client, dir, stack, options.tags ?? {}, timeout);
            await unary(dir, "GetPluginInfo", timeout, (m, o, cb) => client.getPluginInfo(new emptyPb.Empty(), m, o, cb));
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
            await unary(`${info.name} (${dir})`, "Configure", timeout, (m, o, cb) => client.configure(req, m, o, cb));
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
            await unary(this.packName, `Remediate for ${about}`, this.callTimeoutMs, (m, o, cb) => this.client.remediate(msg, m, o, cb));
        }
        const res = await unary<pb.AnalyzeResponse>(this.packName, `Analyze for ${about}`, this.callTimeoutMs, (m, o, cb) => this.client.analyze(msg, m, o, cb));
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
        const res = await unary<pb.AnalyzeResponse>(this.packName, what, this.callTimeoutMs, (m, o, cb) => this.client.analyzeStack(req, m, o, cb));
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
        await configureStack(this.client, this.pack.dir, stack, this.tags, this.callTimeoutMs);
    }

    /** The pack's process id (a caller that keeps packs running across runs must be able to stop them). */
    get pid(): number | undefined {
        return this.pack.process.pid;
    }

    async close(): Promise<void> {
        this.client.close();
        await this.pack.stop();
    }
}

async function handshake(client: AnalyzerClient, packDir: string, timeout: number): Promise<void> {
    const req = new analyzerPb.AnalyzerHandshakeRequest();
    req.setEngineAddress("127.0.0.1:0");
    req.setRootDirectory(packDir);
    req.setProgramDirectory(packDir);
    try {
        await unary(packDir, "Handshake", timeout, (m, o, cb) => client.handshake(req, m, o, cb));
    } catch (e) {
        // @pulumi/policy does not implement Handshake; the engine carries on, and so do we.
        if ((e as AnalyzerCallError).code !== grpc.status.UNIMPLEMENTED) {
            throw e;
        }
    }
}

async function configureStack(client: AnalyzerClient, packDir: string, stack: StackIdentity, tags: Record<string, string>, timeout: number): Promise<void> {
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
    await unary(packDir, "ConfigureStack", timeout, (m, o, cb) => client.configureStack(req, m, o, cb));
}

async function getInfo(client: AnalyzerClient, packDir: string, timeout: number): Promise<PackInfo> {
    const info = await unary<pb.AnalyzerInfo>(packDir, "GetAnalyzerInfo", timeout, (m, o, cb) => client.getAnalyzerInfo(new emptyPb.Empty(), m, o, cb));
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
