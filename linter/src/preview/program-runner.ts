/**
 * Child-process entry: runs one Pulumi program under `pulumi.runtime.setMocks` and records what the
 * SDK sends to the engine: every registered or read resource (type, name, parent, provider
 * reference, inputs as wire values with secrets and unknowns intact), every invoke, the stack outputs.
 *
 *   node program-runner.js   (settings, and where to write what it saw, in GUARDRAIL_RUN as JSON)
 *
 * The program is entered by the Node language host's own code: after installing the mocks on the
 * program's @pulumi/pulumi, this process becomes `node <that SDK>/cmd/run --monitor=mock ... <entry>`,
 * which is what the Pulumi CLI starts. So entry resolution (Pulumi.yaml `main`, package.json
 * `main`/`exports`, index.*), ts-node over the program's tsconfig, ES modules, exported functions,
 * the v8 hooks closure serialization needs, the error handlers and the `beforeExit` shutdown (where
 * @pulumi/aws creates bucket notifications) are the host's, not a re-implementation of them.
 */
import * as fs from "node:fs";
import { createRequire, Module } from "node:module";
import * as path from "node:path";
import { EngineTransforms, TransformableInvoke, TransformableRegistration } from "./engine-transforms";
import type { ProgramRun, RecordedInvoke, RecordedResource, RunnerSettings } from "./program-run";

const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Struct = { toJavaScript(): Record<string, unknown> } | undefined;
/* The monitor's request messages are protobuf classes of the program's own SDK; only the getters used here are typed. */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getProvidersMap(): { forEach(f: (v: string, k: string) => void): void };
    getVersion(): string;
    getObject(): Struct;
    getProtect(): boolean | undefined;
    getImportid(): string;
    getIgnorechangesList(): string[];
    getRetainondelete(): boolean | undefined;
}
interface ReadRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getProvider(): string;
    getVersion(): string;
    getProperties(): Struct;
}
interface InvokeRequest {
    getTok(): string;
    getProvider(): string;
    getVersion(): string;
    getArgs(): Struct;
}
interface OutputsRequest {
    getUrn(): string;
    getOutputs(): Struct;
}
type Callback = (err: unknown, res: { getUrn?(): string } | undefined) => void;
interface Monitor {
    registerStackTransform?(req: { getToken(): string }, cb: (err: unknown, res: unknown) => void): unknown;
    registerStackInvokeTransform?(req: { getToken(): string }, cb: (err: unknown, res: unknown) => void): unknown;
    registerResource(req: RegisterRequest, cb: Callback): unknown;
    readResource(req: ReadRequest, cb: Callback): unknown;
    invoke(req: InvokeRequest, cb: Callback): unknown;
    registerResourceOutputs(req: OutputsRequest, cb: Callback): unknown;
    signalAndWaitForShutdown?(req: unknown, cb: (err: unknown, res: unknown) => void): unknown;
}

const settings = JSON.parse(process.env.GUARDRAIL_RUN ?? "{}") as RunnerSettings;
const result: ProgramRun = { resources: [], invokes: [], outputs: {}, errors: [], warnings: [] };
/** Mock URNs (immediate parent type only) mapped to engine URNs (the whole parent type chain). */
const engineUrns = new Map<string, string>();
let stackMockUrn: string | undefined;

function fail(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    if (!result.errors.includes(message)) {
        result.errors.push(message);
    }
}

function engineUrn(parentMockUrn: string, type: string, name: string): string {
    const parent = parentMockUrn ? engineUrns.get(parentMockUrn) : undefined;
    const qualified = parent && !parent.includes("::pulumi:pulumi:Stack::") ? `${parent.split("::")[2]}$${type}` : type;
    return `urn:pulumi:${settings.stack}::${settings.project}::${qualified}::${name}`;
}

/** A provider reference `<mock urn>::<id>` with the engine's URN. */
function engineRef(ref: string): string {
    const at = ref.lastIndexOf("::");
    return at < 0 ? ref : `${engineUrns.get(ref.slice(0, at)) ?? ref.slice(0, at)}${ref.slice(at)}`;
}

/** Wire values with the URNs inside resource references rewritten from mock to engine URNs. */
function withEngineUrns(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(withEngineUrns);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const obj = value as Record<string, unknown>;
    if (obj[SIGNATURE_KEY] === RESOURCE_REFERENCE_SIG && typeof obj.urn === "string") {
        return { ...obj, urn: engineUrns.get(obj.urn) ?? obj.urn };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
        out[k] = withEngineUrns(v);
    }
    return out;
}

/** Stack outputs as plain values (secrets unwrapped), as a test reads them. */
function plainOutputs(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(plainOutputs);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const obj = value as Record<string, unknown>;
    if (obj[SIGNATURE_KEY] === SECRET_SIG) {
        return plainOutputs(obj.value);
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plainOutputs(v)]));
}

/** Records a resource registration or read, and learns the mock URN it gets back. */
function recorded(
    req: { getType(): string; getName(): string; getParent(): string; getProvider(): string; getVersion(): string },
    extra: Pick<RecordedResource, "custom" | "providers" | "inputs" | "read" | "options">,
    cb: Callback,
): Callback {
    const urn = engineUrn(req.getParent(), req.getType(), req.getName());
    result.resources.push({
        type: req.getType(),
        name: req.getName(),
        urn,
        parent: req.getParent() ? engineUrns.get(req.getParent()) ?? req.getParent() : undefined,
        provider: req.getProvider() ? engineRef(req.getProvider()) : undefined,
        packageVersion: req.getVersion() || undefined,
        ...extra,
    });
    return (err, res) => {
        const mockUrn = res?.getUrn?.();
        if (mockUrn) {
            engineUrns.set(mockUrn, urn);
            if (req.getType() === "pulumi:pulumi:Stack") {
                stackMockUrn = mockUrn;
            }
        }
        cb(err, res);
    };
}

function wrapMonitor(monitor: Monitor, transforms: EngineTransforms): void {
    // The engine keeps the transforms the SDK registers and calls them back (engine-transforms.ts).
    monitor.registerStackTransform = (req, cb) => {
        transforms.registerStack(req.getToken());
        cb(null, {});
    };
    monitor.registerStackInvokeTransform = (req, cb) => {
        transforms.registerStackInvoke(req.getToken());
        cb(null, {});
    };
    const register = monitor.registerResource.bind(monitor);
    const registerTransformed = (req: RegisterRequest, cb: Callback) => {
        const own = transforms.ownTransforms(req as unknown as TransformableRegistration);
        transforms.apply(req as unknown as TransformableRegistration, own).then(
            () =>
                registerRecorded(req, (err, res) => {
                    const urn = res?.getUrn?.();
                    if (urn) {
                        transforms.remember(urn, req.getParent(), own);
                    }
                    cb(err, res);
                }),
            (e: unknown) => cb(e, undefined),
        );
    };
    const registerRecorded = (req: RegisterRequest, cb: Callback) => {
        const providers: Record<string, string> = {};
        req.getProvidersMap().forEach((v, k) => (providers[k] = engineRef(v)));
        const inputs = withEngineUrns(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const options: RecordedResource["options"] = {
            ...(req.getProtect() ? { protect: true } : {}),
            ...(req.getImportid() ? { importId: req.getImportid() } : {}),
            ...(req.getIgnorechangesList().length > 0 ? { ignoreChanges: req.getIgnorechangesList() } : {}),
            ...(req.getRetainondelete() ? { retainOnDelete: true } : {}),
        };
        return register(req, recorded(req, { custom: req.getCustom(), providers, inputs, read: false, options }, cb));
    };
    monitor.registerResource = registerTransformed;
    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (req, cb) => {
        const inputs = withEngineUrns(req.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
        return read(req, recorded(req, { custom: true, providers: {}, inputs, read: true }, cb));
    };
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req, cb) => {
        transforms.applyInvoke(req as unknown as TransformableInvoke).then(
            () => {
                if (req.getTok() !== "pulumi:pulumi:getResource") {
                    const invoked: RecordedInvoke = { token: req.getTok(), provider: req.getProvider() ? engineRef(req.getProvider()) : undefined, packageVersion: req.getVersion() || undefined, args: req.getArgs()?.toJavaScript() ?? {} };
                    result.invokes.push(invoked);
                }
                invoke(req, cb);
            },
            (e: unknown) => cb(e, undefined),
        );
    };
    const outputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        if (req.getUrn() === stackMockUrn) {
            result.outputs = plainOutputs(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        return outputs(req, cb);
    };
    // The engine answers this once every step is done; with mocks every step is done already.
    monitor.signalAndWaitForShutdown = (_req, cb) => cb(null, {});
}

/** Plausible outputs so programs that read ids, ARNs or names keep going. */
function mockState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const resource = type.split(":").pop() ?? "resource";
    const id = `${name}-id`;
    return {
        ...inputs,
        id,
        arn: `arn:aws:mock:::${resource.toLowerCase()}/${name}`,
        name: inputs.name ?? name,
        bucket: inputs.bucket ?? name,
        keyId: id,
        domainName: `${name}.example.net`,
        bucketRegionalDomainName: `${name}.s3.example.net`,
    };
}

function mockCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
    if (token.endsWith("/getCallerIdentity:getCallerIdentity")) {
        return { accountId: "000000000000", arn: "arn:aws:sts::000000000000:assumed-role/mock/session", userId: "mock", id: "mock" };
    }
    if (token.endsWith("/getPolicyDocument:getPolicyDocument")) {
        return { json: JSON.stringify({ Version: "2012-10-17", Statement: inputs.statements ?? [] }), id: "mock" };
    }
    if (token.endsWith("/getOrganization:getOrganization")) {
        // An organisation with all features and SCPs enabled, so programs that build OUs under its root keep going.
        return {
            id: "o-mock",
            arn: "arn:aws:organizations::000000000000:organization/o-mock",
            featureSet: "ALL",
            enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
            roots: [{ id: "r-mock", name: "Root", arn: "arn:aws:organizations::000000000000:root/o-mock/r-mock", policyTypes: [{ type: "SERVICE_CONTROL_POLICY", status: "ENABLED" }] }],
        };
    }
    if (token.endsWith("/getRegion:getRegion")) {
        return { name: "mock-region-1", id: "mock-region-1" };
    }
    return { id: "mock" };
}

/** Where a `process.exit()` call came from: the first stack frame outside this file and node internals. */
function callerOf(stack: string | undefined): string | undefined {
    const frames = (stack ?? "").split("\n").slice(1).map((l) => l.trim());
    // This file shows as the compiled .js or, once source maps apply, as its .ts source.
    const self = new RegExp(`[\\\\/]${path.basename(__filename, path.extname(__filename))}\\.[jt]s:`);
    const frame = frames.find((f) => !self.test(f) && !f.includes("node:internal"));
    return frame?.replace(/^at\s+/, "");
}

/**
 * A CommonJS module whose `default` export is a function: the language host requires the module and
 * calls its export only when the export itself is a function, so this one is never called.
 */
function watchProgramExport(sdkRequire: NodeJS.Require): void {
    const stackModule = sdkRequire("@pulumi/pulumi/runtime/stack") as { runInPulumiStack(init: () => Promise<unknown>): Promise<unknown> };
    const original = stackModule.runInPulumiStack;
    stackModule.runInPulumiStack = (init) =>
        original(async () => {
            const exported = await init();
            if (exported !== null && typeof exported === "object" && typeof (exported as { default?: unknown }).default === "function") {
                result.programExportNotCalled = true;
            }
            return exported;
        });
}

/**
 * The host formats an uncaught error with `util.inspect(err, { colors: true })` before logging it.
 * On Node 20.20 colouring loops over a stack frame such as `node_modules/@pulumi/config.ts:301`
 * (a scoped package with no path after it, which the SDK's source maps produce) until the string
 * overflows: close to a minute for one `config.require` error. The text only goes to stderr, so
 * it is formatted without colours; what the program does is unchanged.
 */
function plainErrorMessages(sdkRequire: NodeJS.Require): void {
    const errorModule = sdkRequire("@pulumi/pulumi/cmd/run/error") as { defaultErrorMessage?: (err: unknown) => string };
    if (typeof errorModule.defaultErrorMessage !== "function") {
        return;
    }
    errorModule.defaultErrorMessage = (err) => {
        const e = err as { stack?: unknown; message?: unknown } | undefined;
        return typeof e?.stack === "string" ? e.stack : typeof e?.message === "string" ? e.message : String(err);
    };
}

/**
 * The host's first act is `require("source-map-support/register")`, which rewrites every stack
 * trace of compiled JavaScript (the SDK's own files included) through their source maps. The SDK
 * captures a stack for each of its promises, so under mocks that rewriting is about a sixth of a
 * large program's run; it changes only the text of stack traces (TypeScript frames are still
 * mapped by ts-node's own hook), so the module is stood in for by an empty one.
 */
function skipStackRewriting(sdkRequire: NodeJS.Require): void {
    let file: string;
    try {
        file = sdkRequire.resolve("source-map-support/register", { paths: [path.dirname(sdkRequire.resolve("@pulumi/pulumi/cmd/run"))] });
    } catch {
        return;
    }
    const stub = new Module(file);
    stub.filename = file;
    stub.loaded = true;
    require.cache[file] = stub;
}

export async function main(): Promise<void> {
    process.on("exit", () => fs.writeFileSync(settings.outFile, JSON.stringify(result)));
    process.on("unhandledRejection", fail);
    process.on("uncaughtException", fail);
    const exit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) => {
        result.exitCall ??= { code: Number(code ?? process.exitCode ?? 0), caller: callerOf(new Error().stack) };
        return exit(code as number);
    }) as typeof process.exit;

    const sdkRequire = createRequire(path.join(settings.pwd, "package.json"));
    let host: string;
    try {
        host = sdkRequire.resolve("@pulumi/pulumi/cmd/run");
    } catch {
        fail(new Error(`no @pulumi/pulumi installed for ${settings.pwd}: run \`npm install\` in the program's folder`));
        return;
    }
    // The program's own SDK: mocks must be installed on the instance the program imports.
    const pulumi = sdkRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    await pulumi.runtime.setMocks(
        {
            newResource: (a) => ({ id: a.id || `${a.name}-id`, state: mockState(a.type, a.name, a.inputs as Record<string, unknown>) }),
            call: (a) => mockCall(a.token, a.inputs as Record<string, unknown>),
        },
        settings.project,
        settings.stack,
        settings.dryRun,
        settings.organization,
    );
    wrapMonitor(pulumi.runtime.getMonitor() as unknown as Monitor, new EngineTransforms(sdkRequire));
    watchProgramExport(sdkRequire);
    plainErrorMessages(sdkRequire);
    const log = sdkRequire("@pulumi/pulumi/log") as { warn(msg: string, ...rest: unknown[]): unknown };
    const warn = log.warn.bind(log);
    log.warn = (msg, ...rest) => {
        result.warnings.push(msg);
        return warn(msg, ...rest);
    };

    skipStackRewriting(sdkRequire);

    // From here on this process is the language host: `node <sdk>/cmd/run <flags> <entry>`.
    process.argv = [
        process.argv[0],
        host,
        "--monitor=mock",
        `--organization=${settings.organization}`,
        `--project=${settings.project}`,
        `--stack=${settings.stack}`,
        `--root-directory=${settings.rootDirectory}`,
        `--pwd=${settings.pwd}`,
        ...(settings.dryRun ? ["--dry-run"] : []),
        settings.entry,
    ];
    require(host);
}

if (require.main === module) {
    void main();
}
