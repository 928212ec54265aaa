import { describe, expect, it } from "vitest";
import { SIGNATURE_KEY, UNKNOWN } from "../../linter/src/engine/encoding";
import { marshalPropertiesForAnalyzer, OUTPUT_VALUE_SIG, RESOURCE_REFERENCE_SIG, SECRET_SIG } from "../../linter/src/engine/marshal";

// Expected values follow MarshalPropertyValue/UnmarshalPropertyValue in pulumi/pulumi
// sdk/go/common/resource/plugin/rpc.go with the analyzer's options (KeepUnknowns, KeepSecrets, SkipInternalKeys).
const ref = (urn: string, id?: string) => ({ [SIGNATURE_KEY]: RESOURCE_REFERENCE_SIG, urn, ...(id === undefined ? {} : { id }), packageVersion: "7.48.0" });
const FN_URN = "urn:pulumi:dev::app::aws:lambda/function:Function::handler";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const asset = (body: Record<string, unknown>) => ({ [SIGNATURE_KEY]: ASSET_SIG, ...body });

describe("marshalPropertiesForAnalyzer", () => {
    const rows: { name: string; input: Record<string, unknown>; expected: Record<string, unknown> }[] = [
        { name: "a custom resource reference becomes its id", input: { fn: ref(FN_URN, "handler-123") }, expected: { fn: "handler-123" } },
        { name: "an unknown id becomes the unknown sentinel", input: { fn: ref(FN_URN, UNKNOWN) }, expected: { fn: UNKNOWN } },
        { name: "an empty id is unknown too", input: { fn: ref(FN_URN, "") }, expected: { fn: UNKNOWN } },
        { name: "a component reference (no id) becomes its URN", input: { c: ref("urn:pulumi:dev::app::acme:C::c") }, expected: { c: "urn:pulumi:dev::app::acme:C::c" } },
        { name: "references nested in lists and objects", input: { routes: [{ handler: ref(FN_URN, "h") }] }, expected: { routes: [{ handler: "h" }] } },
        { name: "secrets are kept as the signature object", input: { s: { [SIGNATURE_KEY]: SECRET_SIG, value: "x" } }, expected: { s: { [SIGNATURE_KEY]: SECRET_SIG, value: "x" } } },
        { name: "a reference inside a secret", input: { s: { [SIGNATURE_KEY]: SECRET_SIG, value: ref(FN_URN, "h") } }, expected: { s: { [SIGNATURE_KEY]: SECRET_SIG, value: "h" } } },
        { name: "internal keys are dropped at every depth", input: { __defaults: ["a"], a: { __meta: "m", b: 1 } }, expected: { a: { b: 1 } } },
        { name: "a known output value is its value", input: { o: { [SIGNATURE_KEY]: OUTPUT_VALUE_SIG, value: "v" } }, expected: { o: "v" } },
        { name: "an unknown output value is unknown", input: { o: { [SIGNATURE_KEY]: OUTPUT_VALUE_SIG } }, expected: { o: UNKNOWN } },
        {
            name: "a secret output value stays secret",
            input: { o: { [SIGNATURE_KEY]: OUTPUT_VALUE_SIG, value: "v", secret: true } },
            expected: { o: { [SIGNATURE_KEY]: SECRET_SIG, value: "v" } },
        },
        // MarshalAsset / MarshalArchive: the serialized form, marshalled as a property map.
        { name: "a string asset keeps its serialized form", input: { a: asset({ text: "hi" }) }, expected: { a: asset({ text: "hi" }) } },
        { name: "a file asset keeps its path", input: { a: asset({ path: "site/index.html" }) }, expected: { a: asset({ path: "site/index.html" }) } },
        {
            name: "an archive's entries are a property map: names starting with __ are skipped like internal keys",
            input: { code: { [SIGNATURE_KEY]: ARCHIVE_SIG, assets: { "__index.js": asset({ text: "exports.handler = 1" }), "lib/a.js": asset({ text: "x" }) } } },
            expected: { code: { [SIGNATURE_KEY]: ARCHIVE_SIG, assets: { "lib/a.js": asset({ text: "x" }) } } },
        },
        { name: "a file archive keeps its path", input: { code: { [SIGNATURE_KEY]: ARCHIVE_SIG, path: "dist" } }, expected: { code: { [SIGNATURE_KEY]: ARCHIVE_SIG, path: "dist" } } },
        { name: "nulls are kept, plain values untouched", input: { n: null, b: true, x: 1.5, s: UNKNOWN }, expected: { n: null, b: true, x: 1.5, s: UNKNOWN } },
    ];
    it.each(rows)("$name", ({ input, expected }) => {
        expect(marshalPropertiesForAnalyzer(input)).toEqual(expected);
    });
});
