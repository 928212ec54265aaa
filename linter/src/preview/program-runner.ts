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
import { EngineTransforms } from "./engine-transforms";
import type { ProgramRun, RunnerSettings } from "./program-run";
import { Monitor, recordMonitor } from "./recording-monitor";

const settings = JSON.parse(process.env.GUARDRAIL_RUN ?? "{}") as RunnerSettings;
const result: ProgramRun = { resources: [], invokes: [], outputs: {}, errors: [], warnings: [] };

function fail(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    if (!result.errors.includes(message)) {
        result.errors.push(message);
    }
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
    recordMonitor(pulumi.runtime.getMonitor() as unknown as Monitor, settings, result, new EngineTransforms(sdkRequire));
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
