/**
 * A pack driven for the benchmark as the engine drives it, with requests encoded once, before the
 * clock starts, and sent as bytes. The engine encodes in Go; timing the harness's JavaScript encoding
 * (seconds for 10,000 resources with google-protobuf) would measure the harness, not the pack. What
 * is timed is everything after the bytes leave: transfer, decoding in the pack, the policies, the
 * answer. The pack's own CPU time is read from /proc, the steadier number on a shared machine.
 */
import * as fs from "node:fs";
import { EngineResource } from "../../linter/src/engine/analyzer-session";
import { reconcilePolicyConfig, PolicyDescription, EnforcementLevelName } from "../../linter/src/engine/engine-config";
import { startPolicyPack, RunningPolicyPack } from "../../linter/src/engine/policy-pack-process";
import { analyzerGrpc, analyzerPb, AnalyzerClient, emptyPb, grpc, structPb } from "../../linter/src/engine/protocol";

type Struct = ReturnType<typeof structPb.Struct.fromJavaScript>;
const struct = (v: Record<string, unknown>): Struct => structPb.Struct.fromJavaScript(v as Parameters<typeof structPb.Struct.fromJavaScript>[0]);

function unary<Res>(invoke: (callback: (err: Error | null, res: Res) => void) => unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
        invoke((err, res) => (err ? reject(err) : resolve(res)));
    });
}

type ProviderMessage = InstanceType<typeof analyzerPb.AnalyzerProviderResource>;

interface ResourceMessage {
    setType(v: string): unknown;
    setUrn(v: string): unknown;
    setName(v: string): unknown;
    setProperties(v: Struct): unknown;
    setOptions(v: InstanceType<typeof analyzerPb.AnalyzerResourceOptions>): unknown;
    setProvider(v: ProviderMessage): unknown;
}

/** Fills a resource message as analyzer-session.ts does (options always set, provider when there is one). */
function fill<M extends ResourceMessage>(msg: M, r: EngineResource, providers: Map<string, ProviderMessage>): M {
    msg.setType(r.type);
    msg.setUrn(r.urn);
    msg.setName(r.name);
    msg.setProperties(struct(r.properties));
    const options = new analyzerPb.AnalyzerResourceOptions();
    if (r.parent) {
        options.setParent(r.parent);
    }
    msg.setOptions(options);
    if (r.provider) {
        let p = providers.get(r.provider.urn);
        if (!p) {
            p = new analyzerPb.AnalyzerProviderResource();
            p.setType(r.provider.type);
            p.setUrn(r.provider.urn);
            p.setName(r.provider.name);
            p.setProperties(struct(r.provider.properties));
            providers.set(r.provider.urn, p);
        }
        msg.setProvider(p);
    }
    return msg;
}

/** The encoded AnalyzeRequest for one resource (the engine sends the same one to Remediate and Analyze). */
export function encodeAnalyzeRequest(r: EngineResource): Uint8Array {
    return fill(new analyzerPb.AnalyzeRequest(), r, new Map()).serializeBinary();
}

/** The encoded AnalyzeStackRequest for `resources`. */
export function encodeStackRequest(resources: EngineResource[]): Uint8Array {
    const providers = new Map<string, ProviderMessage>();
    const req = new analyzerPb.AnalyzeStackRequest();
    req.setResourcesList(
        resources.map((r) => {
            const msg = fill(new analyzerPb.AnalyzerResource(), r, providers);
            if (r.parent) {
                msg.setParent(r.parent);
            }
            msg.setDependenciesList(r.dependencies ?? []);
            return msg;
        }),
    );
    return req.serializeBinary();
}

const LEVELS: Record<number, EnforcementLevelName> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const LEVEL_VALUES: Record<EnforcementLevelName, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };

/**
 * A pack started and configured as the engine does it (ConfigureStack, GetAnalyzerInfo, the config
 * reconciled and validated, Configure), with a client that can send pre-encoded requests.
 */
export class BenchPack {
    private constructor(
        private readonly pack: RunningPolicyPack,
        private readonly client: AnalyzerClient,
    ) {}

    /** `env`: extra variables for the pack process (the no-op pack's NOOP_RESOURCE_POLICIES). */
    static async start(packDir: string, policyConfig: Record<string, unknown>, env: Record<string, string> = {}): Promise<BenchPack> {
        const stack = { stack: "dev", project: "workload", organization: "organization", dryRun: true, config: {} };
        // startPolicyPack hands the pack this process's environment, as the CLI does.
        const saved = Object.keys(env).map((k) => [k, process.env[k]] as const);
        Object.assign(process.env, env);
        let pack: RunningPolicyPack;
        try {
            pack = await startPolicyPack({ packDir, stack });
        } finally {
            for (const [k, v] of saved) {
                if (v === undefined) {
                    delete process.env[k];
                } else {
                    process.env[k] = v;
                }
            }
        }
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        try {
            const cs = new analyzerPb.AnalyzerStackConfigureRequest();
            cs.setStack(stack.stack);
            cs.setProject(stack.project);
            cs.setOrganization(stack.organization);
            cs.setDryRun(true);
            await unary((cb) => client.configureStack(cs, cb));
            const info = await unary<InstanceType<typeof analyzerPb.AnalyzerInfo>>((cb) => client.getAnalyzerInfo(new emptyPb.Empty(), cb));
            const policies: PolicyDescription[] = info.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                return {
                    name: p.getName(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()] ?? "advisory",
                    configSchema: schema ? { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>, required: schema.getRequiredList() } : undefined,
                };
            });
            const req = new analyzerPb.ConfigureAnalyzerRequest();
            for (const [name, cfg] of reconcilePolicyConfig(policies, policyConfig)) {
                const pc = new analyzerPb.PolicyConfig();
                pc.setEnforcementlevel(LEVEL_VALUES[cfg.enforcementLevel]);
                pc.setProperties(struct(cfg.properties));
                req.getPolicyconfigMap().set(name, pc);
            }
            await unary((cb) => client.configure(req, cb));
        } catch (e) {
            // A config the engine would reject, say: never leave the pack process behind.
            client.close();
            await pack.stop();
            throw e;
        }
        return new BenchPack(pack, client);
    }

    private call<Res>(path: string, encoded: Uint8Array, decode: (bytes: Uint8Array) => Res): Promise<Res> {
        return new Promise((resolve, reject) => {
            this.client.makeUnaryRequest(
                path,
                (bytes: Uint8Array) => Buffer.from(bytes),
                (buf: Buffer) => decode(new Uint8Array(buf)),
                encoded,
                (err, res) => (err || res === undefined ? reject(err ?? new Error("no response")) : resolve(res)),
            );
        });
    }

    /** Remediate then Analyze with one encoded AnalyzeRequest, as the engine does per resource. */
    async analyze(encoded: Uint8Array): Promise<number> {
        const service = analyzerGrpc.AnalyzerService;
        await this.call(service.remediate.path, encoded, (b) => analyzerPb.RemediateResponse.deserializeBinary(b));
        const res = await this.call(service.analyze.path, encoded, (b) => analyzerPb.AnalyzeResponse.deserializeBinary(b));
        return res.getDiagnosticsList().length;
    }

    /** One AnalyzeStack call with an encoded request; resolves to the number of diagnostics. */
    async analyzeStack(encoded: Uint8Array): Promise<number> {
        const res = await this.call(analyzerGrpc.AnalyzerService.analyzeStack.path, encoded, (b) => analyzerPb.AnalyzeResponse.deserializeBinary(b));
        return res.getDiagnosticsList().length;
    }

    /** CPU time the pack process has used so far (Linux `/proc`), undefined elsewhere. */
    cpuMs(): number | undefined {
        try {
            const fields = fs.readFileSync(`/proc/${this.pack.process.pid}/stat`, "utf8").split(") ")[1].split(" ");
            const ticksPerSecond = 100; // USER_HZ, 100 on every Linux kernel Node supports
            return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
        } catch {
            return undefined;
        }
    }

    async close(): Promise<void> {
        this.client.close();
        await this.pack.stop();
    }
}
