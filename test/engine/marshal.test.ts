import { describe, expect, it } from "vitest";
import { SIGNATURE_KEY, UNKNOWN } from "../../linter/src/engine/encoding";
import { marshalPropertiesForAnalyzer, OUTPUT_VALUE_SIG, RESOURCE_REFERENCE_SIG, SECRET_SIG } from "../../linter/src/engine/marshal";

// Expected values follow MarshalPropertyValue/UnmarshalPropertyValue in pulumi/pulumi
// sdk/go/common/resource/plugin/rpc.go with the analyzer's options (KeepUnknowns, KeepSecrets, SkipInternalKeys).
const ref = (urn: string, id?: string) => ({ [SIGNATURE_KEY]: RESOURCE_REFERENCE_SIG, urn, ...(id === undefined ? {} : { id }), packageVersion: "7.48.0" });
const FN_URN = "urn:pulumi:dev::app::aws:lambda/function:Function::handler";

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
        { name: "nulls are kept, plain values untouched", input: { n: null, b: true, x: 1.5, s: UNKNOWN }, expected: { n: null, b: true, x: 1.5, s: UNKNOWN } },
    ];
    it.each(rows)("$name", ({ input, expected }) => {
        expect(marshalPropertiesForAnalyzer(input)).toEqual(expected);
    });
});
