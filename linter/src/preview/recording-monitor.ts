/**
 * The engine's view of a program run under mocks: the monitor the program's SDK talks to, wrapped
 * so that every registration, read, invoke and stack output is recorded as the engine would see
 * it (engine URNs, whose type part carries the whole parent chain where the mocks keep only the
 * immediate parent; provider references with those URNs; wire values with secrets and unknowns
 * intact), after the transforms the engine applies (engine-transforms.ts).
 */
import { EngineTransforms, TransformableInvoke, TransformableRegistration } from "./engine-transforms";
import type { ProgramRun, RecordedInvoke, RecordedResource } from "./program-run";

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
export interface Monitor {
    registerStackTransform?(req: { getToken(): string }, cb: (err: unknown, res: unknown) => void): unknown;
    registerStackInvokeTransform?(req: { getToken(): string }, cb: (err: unknown, res: unknown) => void): unknown;
    registerResource(req: RegisterRequest, cb: Callback): unknown;
    readResource(req: ReadRequest, cb: Callback): unknown;
    invoke(req: InvokeRequest, cb: Callback): unknown;
    registerResourceOutputs(req: OutputsRequest, cb: Callback): unknown;
    signalAndWaitForShutdown?(req: unknown, cb: (err: unknown, res: unknown) => void): unknown;
}

/** Records what the program sends through `monitor` into `result`, for the stack `target` names. */
export function recordMonitor(monitor: Monitor, target: { project: string; stack: string }, result: ProgramRun, transforms: EngineTransforms): void {
    /** Mock URNs (immediate parent type only) mapped to engine URNs (the whole parent type chain). */
    const engineUrns = new Map<string, string>();
    let stackMockUrn: string | undefined;

    function engineUrn(parentMockUrn: string, type: string, name: string): string {
        const parent = parentMockUrn ? engineUrns.get(parentMockUrn) : undefined;
        const qualified = parent && !parent.includes("::pulumi:pulumi:Stack::") ? `${parent.split("::")[2]}$${type}` : type;
        return `urn:pulumi:${target.stack}::${target.project}::${qualified}::${name}`;
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

    {
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
}
