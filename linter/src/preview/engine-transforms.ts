/**
 * The engine's half of resource and invoke transforms (`pulumi.runtime.registerResourceTransform`,
 * `registerInvokeTransform`, the `transforms` resource option), which the mocks leave out: the SDK
 * registers each transform with its callback server and hands the monitor a token; the engine
 * calls it back for every registration, and what it returns is what the resource is registered
 * with. As pulumi/pulumi pkg/resource/deploy/source_eval.go (resmon.RegisterResource) does it: a
 * resource's own transforms first, then each ancestor's, then the stack's, each given what the
 * previous one returned; invokes get the stack's invoke transforms.
 *
 * The callbacks are called in this process, through the callback server of the program's own SDK
 * (the same functions the engine reaches over gRPC), so a transform runs exactly as under
 * `pulumi preview`.
 */

/* The program's SDK's protobuf messages and callback server, typed only as far as they are used here. */
interface Message {
    serializeBinary(): Uint8Array;
}
interface StringMap {
    forEach(f: (v: string, k: string) => void): void;
    set(k: string, v: string): unknown;
    clear(): void;
}
interface TransformOptions extends Message {
    getProvider(): string;
    setProvider(v: string): void;
    getProvidersMap(): StringMap;
    getProtect(): boolean;
    setProtect(v: boolean): void;
    getIgnoreChangesList(): string[];
    setIgnoreChangesList(v: string[]): void;
    getRetainOnDelete(): boolean;
    setRetainOnDelete(v: boolean): void;
    getDependsOnList(): string[];
    setDependsOnList(v: string[]): void;
    getVersion(): string;
    setVersion(v: string): void;
    getImport(): string;
    setImport(v: string): void;
}
interface TransformResponse {
    getProperties(): unknown;
    getOptions(): TransformOptions | undefined;
}
interface InvokeOptions extends Message {
    getProvider(): string;
    setProvider(v: string): void;
    getVersion(): string;
    setVersion(v: string): void;
}
interface InvokeResponse {
    getArgs(): unknown;
    getOptions(): InvokeOptions | undefined;
}
interface ResourceProto {
    TransformRequest: new () => Message & { setName(v: string): void; setType(v: string): void; setCustom(v: boolean): void; setParent(v: string): void; setProperties(v: unknown): void; setOptions(v: TransformOptions): void };
    TransformResourceOptions: new () => TransformOptions;
    TransformInvokeRequest: new () => Message & { setToken(v: string): void; setArgs(v: unknown): void; setOptions(v: InvokeOptions): void };
    TransformInvokeOptions: new () => InvokeOptions;
}
interface CallbackServer {
    _callbacks: Map<string, (request: Uint8Array) => Promise<unknown>>;
}

/** What of a registration a transform reads and may change. */
export interface TransformableRegistration {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getObject(): unknown;
    setObject(v: unknown): void;
    getProvider(): string;
    setProvider(v: string): void;
    getProvidersMap(): StringMap;
    getProtect(): boolean | undefined;
    setProtect(v: boolean): void;
    getIgnorechangesList(): string[];
    setIgnorechangesList(v: string[]): void;
    getRetainondelete(): boolean | undefined;
    setRetainondelete(v: boolean): void;
    getDependenciesList(): string[];
    setDependenciesList(v: string[]): void;
    getVersion(): string;
    setVersion(v: string): void;
    getImportid(): string;
    setImportid(v: string): void;
    getTransformsList(): { getToken(): string }[];
}

export interface TransformableInvoke {
    getTok(): string;
    getArgs(): unknown;
    setArgs(v: unknown): void;
    getProvider(): string;
    setProvider(v: string): void;
    getVersion(): string;
    setVersion(v: string): void;
}

export class EngineTransforms {
    private readonly stack: string[] = [];
    private readonly stackInvoke: string[] = [];
    /** Each registered resource's own transforms (by its mock URN), which its children inherit. */
    private readonly own = new Map<string, string[]>();
    private readonly parents = new Map<string, string>();

    constructor(private readonly sdkRequire: NodeJS.Require) {}

    registerStack(token: string): void {
        this.stack.push(token);
    }

    registerStackInvoke(token: string): void {
        this.stackInvoke.push(token);
    }

    /** The resource's transforms, to keep once it has its URN. */
    ownTransforms(req: TransformableRegistration): string[] {
        return req.getTransformsList().map((t) => t.getToken());
    }

    remember(urn: string, parent: string, own: string[]): void {
        this.parents.set(urn, parent);
        if (own.length > 0) {
            this.own.set(urn, own);
        }
    }

    /** Runs every transform that applies to a registration on it, in the engine's order. */
    async apply(req: TransformableRegistration, own: string[]): Promise<void> {
        const tokens = [...own];
        for (let p = req.getParent(); p; p = this.parents.get(p) ?? "") {
            tokens.push(...(this.own.get(p) ?? []));
        }
        tokens.push(...this.stack);
        for (const token of tokens) {
            const proto = this.proto();
            const request = new proto.TransformRequest();
            request.setName(req.getName());
            request.setType(req.getType());
            request.setCustom(req.getCustom());
            request.setParent(req.getParent());
            request.setProperties(req.getObject());
            request.setOptions(this.optionsOf(req, proto));
            const response = (await this.callback(token)(request.serializeBinary())) as TransformResponse;
            req.setObject(response.getProperties());
            const opts = response.getOptions();
            if (opts) {
                applyOptions(req, opts);
            }
        }
    }

    /** Runs the stack's invoke transforms on an invoke. */
    async applyInvoke(req: TransformableInvoke): Promise<void> {
        for (const token of this.stackInvoke) {
            const proto = this.proto();
            const request = new proto.TransformInvokeRequest();
            request.setToken(req.getTok());
            request.setArgs(req.getArgs());
            const options = new proto.TransformInvokeOptions();
            options.setProvider(req.getProvider());
            options.setVersion(req.getVersion());
            request.setOptions(options);
            const response = (await this.callback(token)(request.serializeBinary())) as InvokeResponse;
            req.setArgs(response.getArgs());
            const opts = response.getOptions();
            if (opts) {
                req.setProvider(opts.getProvider());
                req.setVersion(opts.getVersion());
            }
        }
    }

    private proto(): ResourceProto {
        return this.sdkRequire("@pulumi/pulumi/proto/resource_pb") as ResourceProto;
    }

    private callback(token: string): (request: Uint8Array) => Promise<unknown> {
        const settings = this.sdkRequire("@pulumi/pulumi/runtime/settings") as { getCallbacks(): CallbackServer | undefined };
        const fn = settings.getCallbacks()?._callbacks.get(token);
        if (!fn) {
            throw new Error(`a transform was registered with the engine but its callback is not in this program's SDK (token ${token})`);
        }
        return fn;
    }

    private optionsOf(req: TransformableRegistration, proto: ResourceProto): TransformOptions {
        const opts = new proto.TransformResourceOptions();
        opts.setProvider(req.getProvider());
        req.getProvidersMap().forEach((v, k) => opts.getProvidersMap().set(k, v));
        opts.setProtect(req.getProtect() ?? false);
        opts.setIgnoreChangesList(req.getIgnorechangesList());
        opts.setRetainOnDelete(req.getRetainondelete() ?? false);
        opts.setDependsOnList(req.getDependenciesList());
        opts.setVersion(req.getVersion());
        opts.setImport(req.getImportid());
        return opts;
    }
}

function applyOptions(req: TransformableRegistration, opts: TransformOptions): void {
    req.setProvider(opts.getProvider());
    const providers = req.getProvidersMap();
    providers.clear();
    opts.getProvidersMap().forEach((v, k) => providers.set(k, v));
    req.setProtect(opts.getProtect());
    req.setIgnorechangesList(opts.getIgnoreChangesList());
    req.setRetainondelete(opts.getRetainOnDelete());
    req.setDependenciesList(opts.getDependsOnList());
    req.setVersion(opts.getVersion());
    req.setImportid(opts.getImport());
}
