/**
 * Reading stack state in the two formats pulumi/pulumi `sdk/go/common/apitype` defines:
 *   - `pulumi stack export`: `{"version": 3, "deployment": DeploymentV3}`;
 *   - a self-managed backend's checkpoint: `{"version": 3, "checkpoint": {"stack", "config", "latest": DeploymentV3}}`
 *     (`latest` is absent for a stack that was created but never updated).
 * A DeploymentV3 holds `resources` (ResourceV3: urn, custom, id, type, inputs, outputs, parent,
 * provider `<urn>::<id>`, dependencies, delete, external, ...) and `pending_operations` (OperationV2:
 * `{resource, type}`). Gzipped bytes (`.json.gz`) are recognised by their magic number, whatever the name.
 * Anything else is a `StateError` naming what is wrong, so the stack is reported, never skipped.
 */
import * as zlib from "node:zlib";

const SUPPORTED_VERSION = 3;

export interface StateResource {
    urn: string;
    type: string;
    custom: boolean;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    provider?: string;
    dependencies?: string[];
    delete?: boolean;
    external?: boolean;
}

export interface PendingOperation {
    type: string;
    resource: StateResource;
}

export interface StackState {
    /** `checkpoint.stack` (`organization/<project>/<stack>` or `<stack>`); absent in an export. */
    qualifiedName?: string;
    /** Stack config as the checkpoint stores it (`namespace:key` -> string, object, or `{secure}`). */
    config: Record<string, unknown>;
    resources: StateResource[];
    pendingOperations: PendingOperation[];
}

/** State that cannot be read: the message says why (shown next to the stack's name). */
export class StateError extends Error {}

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

function startsWith(bytes: Buffer, magic: number[]): boolean {
    return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function decompress(bytes: Buffer): Buffer {
    if (startsWith(bytes, GZIP_MAGIC)) {
        try {
            return zlib.gunzipSync(bytes);
        } catch (e) {
            throw new StateError(`gzip data cannot be decompressed (${(e as Error).message})`);
        }
    }
    if (startsWith(bytes, ZSTD_MAGIC)) {
        // Node 22.15+ has zstd; older Node cannot read these checkpoints.
        const unzstd = (zlib as { zstdDecompressSync?: (b: Buffer) => Buffer }).zstdDecompressSync;
        if (!unzstd) {
            throw new StateError(`zstd-compressed checkpoint: reading it needs Node.js 22.15 or later (this is ${process.version})`);
        }
        try {
            return unzstd(bytes);
        } catch (e) {
            throw new StateError(`zstd data cannot be decompressed (${(e as Error).message})`);
        }
    }
    return bytes;
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function optionalString(r: Record<string, unknown>, key: string, where: string): string | undefined {
    const v = r[key];
    if (v === undefined || v === null || v === "") {
        return undefined;
    }
    if (typeof v !== "string") {
        throw new StateError(`${where}: "${key}" is not a string`);
    }
    return v;
}

function readResource(raw: unknown, where: string): StateResource {
    if (!isObject(raw)) {
        throw new StateError(`${where} is not an object`);
    }
    const urn = optionalString(raw, "urn", where);
    const type = optionalString(raw, "type", where);
    if (!urn || !urn.startsWith("urn:pulumi:")) {
        throw new StateError(`${where} has no valid "urn"`);
    }
    if (!type) {
        throw new StateError(`${where} (${urn}) has no "type"`);
    }
    for (const key of ["inputs", "outputs"]) {
        if (raw[key] !== undefined && raw[key] !== null && !isObject(raw[key])) {
            throw new StateError(`${where} (${urn}): "${key}" is not an object`);
        }
    }
    const deps = raw.dependencies;
    if (deps !== undefined && deps !== null && !(Array.isArray(deps) && deps.every((d) => typeof d === "string"))) {
        throw new StateError(`${where} (${urn}): "dependencies" is not a list of URNs`);
    }
    return {
        urn,
        type,
        custom: raw.custom === true,
        id: optionalString(raw, "id", where),
        inputs: (raw.inputs ?? undefined) as Record<string, unknown> | undefined,
        outputs: (raw.outputs ?? undefined) as Record<string, unknown> | undefined,
        parent: optionalString(raw, "parent", where),
        provider: optionalString(raw, "provider", where),
        dependencies: (deps ?? undefined) as string[] | undefined,
        delete: raw.delete === true,
        external: raw.external === true,
    };
}

function readDeployment(raw: unknown): Pick<StackState, "resources" | "pendingOperations"> {
    if (raw === undefined || raw === null) {
        return { resources: [], pendingOperations: [] };
    }
    if (!isObject(raw)) {
        throw new StateError("the deployment is not an object");
    }
    const list = (key: string): unknown[] => {
        const v = raw[key];
        if (v === undefined || v === null) {
            return [];
        }
        if (!Array.isArray(v)) {
            throw new StateError(`"${key}" is not a list`);
        }
        return v;
    };
    const resources = list("resources").map((r, i) => readResource(r, `resource #${i + 1}`));
    const pendingOperations = list("pending_operations").map((op, i) => {
        const where = `pending operation #${i + 1}`;
        if (!isObject(op) || typeof op.type !== "string") {
            throw new StateError(`${where} has no "type"`);
        }
        return { type: op.type, resource: readResource(op.resource, `${where}'s resource`) };
    });
    return { resources, pendingOperations };
}

/** Parses export or checkpoint bytes (plain or compressed). */
export function parseStackState(bytes: Buffer): StackState {
    const text = decompress(bytes).toString("utf8");
    if (text.trim() === "") {
        throw new StateError("the file is empty");
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new StateError(`not valid JSON (${(e as Error).message})`);
    }
    if (!isObject(doc)) {
        throw new StateError("not a Pulumi state document (expected a JSON object)");
    }
    const body = "checkpoint" in doc ? "checkpoint" : "deployment" in doc ? "deployment" : undefined;
    if (!body) {
        throw new StateError('not a Pulumi state document (neither "checkpoint" nor "deployment" at the top level)');
    }
    if (doc.version !== SUPPORTED_VERSION) {
        const v = doc.version === undefined ? "no version" : `version ${JSON.stringify(doc.version)}`;
        throw new StateError(`${v}: only version ${SUPPORTED_VERSION} ${body === "checkpoint" ? "checkpoints" : "exports"} are read (re-export the stack with a current Pulumi CLI)`);
    }
    if (body === "deployment") {
        return { config: {}, ...readDeployment(doc.deployment) };
    }
    const checkpoint = doc.checkpoint;
    if (!isObject(checkpoint)) {
        throw new StateError('"checkpoint" is not an object');
    }
    const config = checkpoint.config;
    if (config !== undefined && config !== null && !isObject(config)) {
        throw new StateError('"config" is not an object');
    }
    return {
        qualifiedName: typeof checkpoint.stack === "string" ? checkpoint.stack : undefined,
        config: (config ?? {}) as Record<string, unknown>,
        ...readDeployment(checkpoint.latest),
    };
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>` */
export function parseUrn(urn: string): { stack: string; project: string; qualifiedType: string; name: string } | undefined {
    const m = /^urn:pulumi:([^:]*)::([^:]*)::(.*?)::(.*)$/s.exec(urn);
    return m ? { stack: m[1], project: m[2], qualifiedType: m[3], name: m[4] } : undefined;
}

/**
 * The stack config as the language host hands it to a pack (`PULUMI_CONFIG`): strings, objects as
 * JSON text. Encrypted (`{secure}`) values cannot be decrypted offline and are left out.
 */
export function packConfigFromState(config: Record<string, unknown>): { config: Record<string, string>; encrypted: string[] } {
    const out: Record<string, string> = {};
    const encrypted: string[] = [];
    for (const [key, value] of Object.entries(config)) {
        if (isObject(value) && typeof value.secure === "string" && Object.keys(value).length === 1) {
            encrypted.push(key);
        } else {
            out[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config: out, encrypted };
}
