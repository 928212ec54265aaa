/**
 * Child-process entry: runs one Pulumi program under `pulumi.runtime.setMocks` and records what the
 * SDK sends to the engine: every registered or read resource (type, name, parent, provider
 * reference, inputs as wire values with secrets and unknowns intact) and every invoke.
 *
 *   node program-runner.js <programDir> <outFile>   (settings in GUARDRAIL_RUN as JSON)
 *
 * It runs in its own process so the program gets a fresh @pulumi/pulumi — its own copy, resolved
 * from the program's folder, since mocks only apply to the SDK instance the program uses.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type { ProgramRun, RecordedInvoke, RecordedResource, RunSettings } from "./program-run";

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
    getId(): string;
    getProperties(): Struct;
}
interface InvokeRequest {
    getTok(): string;
    getProvider(): string;
    getVersion(): string;
    getArgs(): Struct;
}
type Callback = (err: unknown, res: { getUrn?(): string } | undefined) => void;
interface Monitor {
    registerResource(req: RegisterRequest, cb: Callback): unknown;
    readResource(req: ReadRequest, cb: Callback): unknown;
    invoke(req: InvokeRequest, cb: Callback): unknown;
}

const resources: RecordedResource[] = [];
const invokes: RecordedInvoke[] = [];
/** Mock URNs (parent type only) mapped to engine-style URNs (the whole parent type chain). */
const engineUrns = new Map<string, string>();

function engineUrn(settings: RunSettings, parentMockUrn: string, type: string, name: string): string {
    const parent = parentMockUrn ? engineUrns.get(parentMockUrn) : undefined;
    const qualified = parent && !parent.includes("::pulumi:pulumi:Stack::") ? `${parent.split("::")[2]}$${type}` : type;
    return `urn:pulumi:${settings.stack}::${settings.project}::${qualified}::${name}`;
}

/** Records a resource registration or read, and learns the mock URN it gets back. */
function recorded(
    settings: RunSettings,
    req: { getType(): string; getName(): string; getParent(): string; getProvider(): string; getVersion(): string },
    extra: Pick<RecordedResource, "custom" | "providers" | "inputs" | "read" | "options">,
    cb: Callback,
): Callback {
    const urn = engineUrn(settings, req.getParent(), req.getType(), req.getName());
    resources.push({
        type: req.getType(),
        name: req.getName(),
        urn,
        parent: req.getParent() ? engineUrns.get(req.getParent()) ?? req.getParent() : undefined,
        provider: req.getProvider() || undefined,
        packageVersion: req.getVersion() || undefined,
        ...extra,
    });
    return (err, res) => {
        const mockUrn = res?.getUrn?.();
        if (mockUrn) {
            engineUrns.set(mockUrn, urn);
        }
        cb(err, res);
    };
}

function wrapMonitor(monitor: Monitor, settings: RunSettings): void {
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const providers: Record<string, string> = {};
        req.getProvidersMap().forEach((v, k) => (providers[k] = v));
        const options: RecordedResource["options"] = {
            ...(req.getProtect() ? { protect: true } : {}),
            ...(req.getImportid() ? { importId: req.getImportid() } : {}),
            ...(req.getIgnorechangesList().length > 0 ? { ignoreChanges: req.getIgnorechangesList() } : {}),
            ...(req.getRetainondelete() ? { retainOnDelete: true } : {}),
        };
        return register(req, recorded(settings, req, { custom: req.getCustom(), providers, inputs: req.getObject()?.toJavaScript() ?? {}, read: false, options }, cb));
    };
    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (req, cb) => read(req, recorded(settings, req, { custom: true, providers: {}, inputs: req.getProperties()?.toJavaScript() ?? {}, read: true }, cb));
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req, cb) => {
        if (req.getTok() !== "pulumi:pulumi:getResource") {
            invokes.push({ token: req.getTok(), provider: req.getProvider() || undefined, packageVersion: req.getVersion() || undefined, args: req.getArgs()?.toJavaScript() ?? {} });
        }
        return invoke(req, cb);
    };
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

async function main(): Promise<void> {
    const [programDir, outFile] = process.argv.slice(2);
    const settings = JSON.parse(process.env.GUARDRAIL_RUN ?? "{}") as RunSettings;
    const result: ProgramRun = { resources, invokes, outputs: {}, errors: [] };
    const fail = (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        if (!result.errors.includes(message)) {
            result.errors.push(message);
        }
    };
    process.on("unhandledRejection", fail);
    process.on("uncaughtException", fail);
    try {
        process.chdir(programDir);
        const programRequire = createRequire(path.join(programDir, "package.json"));
        // The program's own SDK: mocks must be installed on the instance the program imports.
        const pulumi = programRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
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
        pulumi.runtime.setAllConfig(settings.config, settings.secretKeys);
        wrapMonitor(pulumi.runtime.getMonitor() as unknown as Monitor, settings);
        require("tsx/cjs");
        const exported = require(path.resolve(programDir, settings.main)) as Record<string, unknown>;
        await pulumi.runtime.disconnect();
        // Stack outputs are known only in an update; in a preview they may never resolve.
        if (!settings.dryRun) {
            // Unwrap<unknown> collapses to never in the SDK's types; outputs here are plain JSON values.
            const toOutput = pulumi.output as unknown as (v: unknown) => { apply(f: (v: unknown) => void): unknown };
            for (const [key, value] of Object.entries(exported ?? {})) {
                if (typeof value !== "function") {
                    result.outputs[key] = await new Promise((resolve) => toOutput(value).apply((v) => resolve(v)));
                }
            }
            await pulumi.runtime.disconnect();
        }
    } catch (e) {
        fail(e);
    }
    fs.writeFileSync(outFile, JSON.stringify(result));
}

void main();
