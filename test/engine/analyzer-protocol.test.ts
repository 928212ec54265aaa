import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyzerSession, EngineResource } from "../../linter/src/engine/analyzer-session";
import { SIGNATURE_KEY, UNKNOWN } from "../../linter/src/engine/encoding";
import { OUTPUT_VALUE_SIG, RESOURCE_REFERENCE_SIG, SECRET_SIG } from "../../linter/src/engine/marshal";
import { explicitProvider, resource, urn } from "../harness/resources";

const ECHO_PACK = path.resolve(__dirname, "fixtures/echo-policypack");
const SILENT_PACK = path.resolve(__dirname, "fixtures/silent-policypack");
const NOOP_PACK = path.resolve(__dirname, "../fixtures/noop-policypack");

// Wire values as @pulumi/pulumi sends them (sdk/nodejs/runtime/rpc.ts); asset and archive
// signatures from pulumi/pulumi sdk/go/common/resource/asset and archive.
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const FN_URN = urn("aws:lambda/function:Function", "handler");
const API_URN = urn("aws-apigateway:index:RestAPI", "api");
const ref = (target: string, id?: string) => ({ [SIGNATURE_KEY]: RESOURCE_REFERENCE_SIG, urn: target, ...(id === undefined ? {} : { id }), packageVersion: "7.48.0" });
const secret = (value: unknown) => ({ [SIGNATURE_KEY]: SECRET_SIG, value });
const stringAsset = (text: string) => ({ [SIGNATURE_KEY]: ASSET_SIG, text });

/** What the real programs that hung `guardrail preview` put into properties. */
const REAL_PROGRAM_SHAPES: Record<string, unknown> = {
    // aws-apigateway RestAPI routes: a Lambda function per route.
    routes: [{ path: "/", method: "GET", eventHandler: ref(FN_URN, "handler-123") }],
    // awsx ApplicationLoadBalancer: subnets are resources, not yet created at preview.
    subnets: [ref(urn("aws:ec2/subnet:Subnet", "a"), ""), ref(urn("aws:ec2/subnet:Subnet", "b"), UNKNOWN)],
    // A component (no id) passed to another component.
    api: ref(API_URN),
    // CallbackFunction code: an archive of the serialized closure.
    code: { [SIGNATURE_KEY]: ARCHIVE_SIG, assets: { "__index.js": stringAsset("exports.handler = async () => 1;"), lib: { [SIGNATURE_KEY]: ARCHIVE_SIG, path: "lib" } } },
    source: { [SIGNATURE_KEY]: ASSET_SIG, path: "site/index.html" },
    __defaults: ["name"],
};

let echo: AnalyzerSession;
beforeAll(async () => {
    echo = await AnalyzerSession.start({ packDir: ECHO_PACK });
});
afterAll(async () => {
    await echo?.close();
});

type Seen = { props: Record<string, unknown>; provider: { name: string; props: Record<string, unknown> } | null };

/** What the echo pack's policy saw of the resource (it reports it as JSON after its description). */
async function seenBy(r: EngineResource): Promise<Seen> {
    const [d] = await echo.analyze(r);
    return JSON.parse(d.message.slice(d.message.indexOf("{"))) as Seen;
}

describe("what a policy sees of engine values (analyzer marshalling through @pulumi/policy)", () => {
    // Expected values: pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go marshals with KeepUnknowns,
    // KeepSecrets, SkipInternalKeys and no KeepResources; sdk/go/common/resource/plugin/rpc.go
    // MarshalPropertyValue / MarshalArchive say what each value becomes.
    const rows: { name: string; properties: Record<string, unknown>; expected: Record<string, unknown> }[] = [
        { name: "a resource reference is the referenced resource's id", properties: { fn: ref(FN_URN, "handler-123") }, expected: { fn: "handler-123" } },
        { name: "a reference whose id is not known yet is unknown", properties: { fn: ref(FN_URN, "") }, expected: { fn: "<unknown>" } },
        { name: "a component reference is its URN", properties: { api: ref(API_URN) }, expected: { api: API_URN } },
        { name: "references inside lists and objects", properties: { routes: [{ eventHandler: ref(FN_URN, "h-1") }] }, expected: { routes: [{ eventHandler: "h-1" }] } },
        { name: "an output value is its plain value", properties: { o: { [SIGNATURE_KEY]: OUTPUT_VALUE_SIG, value: "v", secret: true } }, expected: { o: "v" } },
        { name: "a secret reaches the policy unwrapped", properties: { s: secret("hunter2") }, expected: { s: "hunter2" } },
        { name: "internal keys are dropped", properties: { __defaults: ["bucket"], __meta: "{}", bucket: "b" }, expected: { bucket: "b" } },
        { name: "a string asset keeps its text", properties: { a: stringAsset("User-agent: *") }, expected: { a: { __pulumiAsset: true, text: "User-agent: *" } } },
        { name: "a file asset keeps its path", properties: { a: { [SIGNATURE_KEY]: ASSET_SIG, path: "site/index.html" } }, expected: { a: { __pulumiAsset: true, path: "site/index.html" } } },
        {
            // MarshalArchive marshals the serialized archive as a property map, so an entry whose name
            // starts with "__" (a CallbackFunction's __index.js) is skipped like any internal key.
            name: "an archive keeps its entries, except internal-looking names",
            properties: REAL_PROGRAM_SHAPES.code as Record<string, unknown>,
            expected: { assets: { lib: { __pulumiArchive: true, path: "lib" } } },
        },
    ];
    it.each(rows)("$name", async ({ name, properties, expected }) => {
        const seen = await seenBy(resource("aws:lambda/permission:Permission", name.replace(/\W+/g, "-"), { properties }));
        const props = "assets" in properties ? { assets: (seen.props as { assets: unknown }).assets } : seen.props;
        expect(props).toEqual(expected);
    });

    it("marshals the provider's properties the same way", async () => {
        const provider = explicitProvider("shop-dev", { region: "ap-southeast-2", roleSource: ref(FN_URN, "fn-1"), __defaults: ["region"] });
        const seen = await seenBy(resource("aws:s3/bucket:Bucket", "b", { provider }));
        expect(seen.provider).toEqual({ name: "shop-dev", props: { region: "ap-southeast-2", roleSource: "fn-1" } });
    });
});

describe("a pack that would not answer", () => {
    it("answers for the shapes of real programs: resource references, assets, archives, remote components", async () => {
        // @pulumi/policy never answers a request carrying a raw resource reference; the session must
        // marshal them away, for Analyze and for AnalyzeStack.
        const noop = await AnalyzerSession.start({ packDir: NOOP_PACK, callTimeoutMs: 15_000 });
        try {
            const resources = [
                resource("aws-apigateway:index:RestAPI", "api", { properties: REAL_PROGRAM_SHAPES }),
                resource("awsx:lb:ApplicationLoadBalancer", "web", { properties: { subnets: REAL_PROGRAM_SHAPES.subnets } }),
                resource("aws:lambda/function:Function", "handler", { properties: { code: REAL_PROGRAM_SHAPES.code }, provider: explicitProvider("p", { self: ref(FN_URN, "x") }) }),
            ];
            for (const r of resources) {
                expect(await noop.analyze(r)).toEqual([]);
            }
            expect(await noop.analyzeStack(resources)).toEqual([]);
        } finally {
            await noop.close();
        }
    }, 60_000);

    it("is an error naming the call, the resource and the pack when it does not answer in time, never a hang", async () => {
        const silent = await AnalyzerSession.start({ packDir: SILENT_PACK, callTimeoutMs: 1_500 });
        const started = Date.now();
        try {
            const bucket = resource("aws:s3/bucket:Bucket", "logs");
            await expect(silent.analyze(bucket)).rejects.toThrow(
                `policy pack silent (${SILENT_PACK}) did not answer Analyze for aws:s3/bucket:Bucket ${bucket.urn} within 1.5 s`,
            );
            expect(Date.now() - started).toBeLessThan(10_000);
        } finally {
            await silent.close();
        }
    }, 60_000);
});
