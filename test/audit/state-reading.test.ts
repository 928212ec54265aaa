import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { packConfigFromState, parseStackState, StateError } from "../../linter/src/audit/checkpoint";
import { auditView } from "../../linter/src/audit/engine-resources";
import { stateValueToWire, analyzerPropertiesFromState } from "../../linter/src/audit/state-values";
import { SIGNATURE_KEY, UNKNOWN } from "../../linter/src/engine/encoding";
import { BACKEND, EXPORTS } from "./helpers";

const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const REF = "5cf8f73096256a8f31e491e813e4eb8e";
const read = (file: string) => parseStackState(fs.readFileSync(file));

describe("reading state (pulumi/pulumi sdk/go/common/apitype formats)", () => {
    it("reads a `pulumi stack export` document", () => {
        const state = read(path.join(EXPORTS, "shop-dev.json"));
        expect(state.qualifiedName).toBeUndefined();
        expect(state.resources).toHaveLength(11);
        expect(state.resources[1]).toMatchObject({ type: "pulumi:providers:aws", custom: true, id: "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6" });
    });

    it("reads a backend checkpoint, its stack name and config", () => {
        const state = read(path.join(BACKEND, ".pulumi/stacks/shop/dev.json"));
        expect(state.qualifiedName).toBe("organization/shop/dev");
        expect(packConfigFromState(state.config)).toEqual({
            config: { "aws:region": "ap-southeast-2", "guardrails:targetAccount": "shop-dev", "shop:sizes": '{"small":1,"large":3}' },
            encrypted: ["shop:apiToken"],
        });
    });

    it("reads gzipped checkpoints by their magic number", () => {
        const state = read(path.join(BACKEND, ".pulumi/stacks/shop/prod.json.gz"));
        expect(state.resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack", "pulumi:providers:aws", "aws:s3/bucket:Bucket"]);
    });

    it("reads an empty export and a never-updated checkpoint as stacks without resources", () => {
        expect(read(path.join(EXPORTS, "empty.json")).resources).toEqual([]);
        expect(read(path.join(BACKEND, ".pulumi/stacks/billing/never-updated.json")).resources).toEqual([]);
    });

    it("reads pending operations", () => {
        const state = read(path.join(EXPORTS, "interrupted.json"));
        expect(state.pendingOperations.map((op) => [op.type, op.resource.type])).toEqual([
            ["creating", "aws:sqs/queue:Queue"],
            ["updating", "aws:s3/bucket:Bucket"],
        ]);
    });

    const good = fs.readFileSync(path.join(BACKEND, ".pulumi/stacks/shop/dev.json"));
    const cases: [string, Buffer, RegExp][] = [
        ["garbage", Buffer.from("\u0000\u0001PK garbage"), /not valid JSON/],
        ["truncated JSON", good.subarray(0, good.length / 2), /not valid JSON/],
        ["truncated gzip", zlib.gzipSync(good).subarray(0, 200), /gzip data cannot be decompressed/],
        ["an empty file", Buffer.alloc(0), /the file is empty/],
        ["an unknown version", Buffer.from(JSON.stringify({ version: 4, checkpoint: {} })), /version 4: only version 3 checkpoints are read/],
        ["no version", Buffer.from(JSON.stringify({ deployment: {} })), /no version: only version 3 exports are read/],
        ["another JSON document", Buffer.from(JSON.stringify({ name: "shop", runtime: "nodejs" })), /neither "checkpoint" nor "deployment"/],
        ["a list", Buffer.from("[]"), /expected a JSON object/],
        ["a resource without a URN", Buffer.from(JSON.stringify({ version: 3, deployment: { resources: [{ type: "aws:s3/bucket:Bucket" }] } })), /resource #1 has no valid "urn"/],
        ["resources that are not a list", Buffer.from(JSON.stringify({ version: 3, deployment: { resources: {} } })), /"resources" is not a list/],
        ["inputs that are not an object", Buffer.from(JSON.stringify({ version: 3, deployment: { resources: [{ urn: "urn:pulumi:a::b::t::n", type: "t", inputs: "x" }] } })), /"inputs" is not an object/],
    ];
    it.each(cases)("rejects %s with the reason", (_, bytes, reason) => {
        expect(() => parseStackState(bytes)).toThrow(StateError);
        expect(() => parseStackState(bytes)).toThrow(reason);
    });
});

describe("state values as the engine marshals them for analyzers", () => {
    it("turns an encrypted secret into a secret whose value is unknown", () => {
        expect(stateValueToWire({ [SIGNATURE_KEY]: SECRET, ciphertext: "v1:abc==" })).toEqual({ [SIGNATURE_KEY]: SECRET, value: UNKNOWN });
    });

    it("decodes the plaintext of `pulumi stack export --show-secrets`", () => {
        const plaintext = JSON.stringify([{ roleArn: "arn:aws:iam::222222222222:role/Admin" }]);
        expect(stateValueToWire({ [SIGNATURE_KEY]: SECRET, plaintext })).toEqual({ [SIGNATURE_KEY]: SECRET, value: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });
        expect(stateValueToWire({ [SIGNATURE_KEY]: SECRET, plaintext: "{not json" })).toEqual({ [SIGNATURE_KEY]: SECRET, value: UNKNOWN });
    });

    it("sends resource references as ids, or URNs without an id, and drops internal keys at any depth", () => {
        const props = {
            __defaults: ["bucket"],
            bucket: { [SIGNATURE_KEY]: REF, urn: "urn:pulumi:dev::shop::aws:s3/bucket:Bucket::assets", id: "assets-123", packageVersion: "7.48.0" },
            site: { [SIGNATURE_KEY]: REF, urn: "urn:pulumi:dev::shop::shop:web:Site::storefront" },
            nested: { __meta: "x", tags: { team: "shop" }, list: [{ __defaults: [], a: 1 }, { [SIGNATURE_KEY]: SECRET, ciphertext: "c" }] },
        };
        expect(analyzerPropertiesFromState(props)).toEqual({
            bucket: "assets-123",
            nested: { list: [{ a: 1 }, { [SIGNATURE_KEY]: SECRET, value: UNKNOWN }], tags: { team: "shop" } },
            site: "urn:pulumi:dev::shop::shop:web:Site::storefront",
        });
    });

    it("keeps assets in their serialized form", () => {
        const asset = { [SIGNATURE_KEY]: "c44067f5952c0a294b673a41bacd8c17", hash: "abc", text: "hello" };
        expect(analyzerPropertiesFromState({ source: asset })).toEqual({ source: asset });
    });
});

describe("what the engine would send the pack for a stack's state", () => {
    const view = auditView(read(path.join(EXPORTS, "shop-dev.json")));
    const byName = (name: string) => view.analyze.find((r) => r.name === name)!;

    it("resolves provider references to the provider resource and its inputs", () => {
        expect(byName("audit-trail").provider).toMatchObject({
            type: "pulumi:providers:aws",
            name: "via-management",
            urn: "urn:pulumi:dev::shop::pulumi:providers:aws::via-management",
            properties: { assumeRoles: '[{"roleArn":"arn:aws:iam::111111111111:role/Management-Admin"},{"roleArn":"arn:aws:iam::222222222222:role/Admin"}]', version: "7.48.0" },
        });
        expect(byName("storefront").provider?.urn).toBe(undefined);
        expect(view.analyze.find((r) => r.type === "aws:acm/certificate:Certificate")?.provider?.urn).toBe("urn:pulumi:dev::shop::shop:web:Site$pulumi:providers:aws::edge");
        expect(byName("feature-flags").provider?.type).toBe("pulumi:providers:aws-native");
    });

    it("resolves default providers by the name the state gives them", () => {
        const legacy = auditView(read(path.join(EXPORTS, "legacy-defaults.json")));
        expect(legacy.analyze.filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:")).map((r) => [r.name, r.provider?.name])).toEqual([
            ["logs", "default_5_42_0"],
            ["site", "default_6_50_0"],
            ["jobs", "default_7_48_0"],
            ["suffix", "default_4_16_3"],
        ]);
    });

    it("sends inputs to Analyze and outputs to AnalyzeStack, with parents and dependencies", () => {
        const input = byName("assets");
        const output = view.stack.find((r) => r.urn === input.urn)!;
        expect(input.properties).toEqual({ bucket: expect.any(String), forceDestroy: false, tags: { apiKey: { [SIGNATURE_KEY]: SECRET, value: UNKNOWN }, team: "shop" } });
        expect(output.properties).toMatchObject({ arn: expect.stringMatching(/^arn:aws:s3:::assets-/), bucketDomainName: expect.any(String) });
        expect(input.parent).toBe("urn:pulumi:dev::shop::shop:web:Site::storefront");
        const pab = view.stack.find((r) => r.type.endsWith("BucketPublicAccessBlock"))!;
        expect(pab.dependencies).toEqual([input.urn]);
        // A component's outputs holding resource references reach the pack as the id or URN.
        expect(view.stack.find((r) => r.type === "shop:web:Site")!.properties).toEqual({ bucket: input.properties.bucket, self: "urn:pulumi:dev::shop::shop:web:Site::storefront" });
    });

    it("analyzes copies awaiting deletion and pending creates, but leaves them out of the final stack", () => {
        const v = auditView(read(path.join(EXPORTS, "interrupted.json")));
        expect(v.analyze.filter((r) => r.note).map((r) => [r.name, r.note, r.provider?.name])).toEqual([
            ["results", "awaiting deletion", "default_7_48_0"],
            ["retries", "pending creation", "default_7_48_0"],
        ]);
        expect(v.stack.map((r) => r.name)).toEqual(["batch-staging", "batch-staging", "default_7_48_0", "results", "shared"]);
        expect(v.stack.find((r) => r.name === "results")?.provider?.name).toBe("batch-staging");
    });

    it("refuses a provider reference that the state cannot resolve, as the engine's snapshot check does", () => {
        const state = read(path.join(EXPORTS, "shop-dev.json"));
        state.resources = state.resources.filter((r) => r.urn !== "urn:pulumi:dev::shop::pulumi:providers:aws::shop-dev");
        expect(() => auditView(state)).toThrow(/assets refers to provider urn:pulumi:dev::shop::pulumi:providers:aws::shop-dev::d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6, which is not in the state/);
    });
});
