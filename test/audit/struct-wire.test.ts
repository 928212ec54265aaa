import { describe, expect, it } from "vitest";
import { appendFields, encodeStruct, messageField, stringField } from "../../linter/src/engine/struct-wire";
import { analyzerPb, structPb } from "../../linter/src/engine/protocol";

const SAMPLES: Record<string, unknown>[] = [
    {},
    { s: "", t: "text", u: "ünïcødé ✓ 𝄞", long: "x".repeat(300) },
    { zero: 0, int: 42, neg: -7, float: 3.25, big: 2 ** 53, tiny: 1e-300 },
    { yes: true, no: false, nothing: null },
    { list: [], mixed: [1, "a", null, true, { k: [[]] }], nested: { a: { b: { c: "deep" } }, empty: {} } },
    { assumeRoles: '[{"roleArn":"arn:aws:iam::222222222222:role/Admin"}]', secret: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } },
    Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`key${i}`, { index: i, tags: ["a", "b"] }])),
];

describe("Struct bytes written by hand", () => {
    it.each(SAMPLES.map((s, i) => [i, s]))("decode with the generated classes to the same value (sample %i)", (_, sample) => {
        const decoded = structPb.Struct.deserializeBinary(encodeStruct(sample)).toJavaScript();
        expect(decoded).toEqual(structPb.Struct.fromJavaScript(sample as never).toJavaScript());
        expect(decoded).toEqual(sample);
    });

    it("appended to a generated message, they read back as its fields", () => {
        const msg = new analyzerPb.AnalyzeRequest();
        msg.setType("aws:s3/bucket:Bucket");
        msg.setUrn("urn:pulumi:dev::shop::aws:s3/bucket:Bucket::site");
        const provider = Buffer.concat([stringField(1, "pulumi:providers:aws"), messageField(2, encodeStruct({ region: "ap-southeast-2" })), stringField(3, "urn:p"), stringField(4, "dev")]);
        appendFields(msg, [messageField(2, encodeStruct({ bucket: "site" })), messageField(6, provider)]);
        const back = analyzerPb.AnalyzeRequest.deserializeBinary(msg.serializeBinary());
        expect(back.getType()).toBe("aws:s3/bucket:Bucket");
        expect(back.getProperties()?.toJavaScript()).toEqual({ bucket: "site" });
        expect(back.getProvider()?.toObject()).toMatchObject({ type: "pulumi:providers:aws", urn: "urn:p", name: "dev" });
        expect(back.getProvider()?.getProperties()?.toJavaScript()).toEqual({ region: "ap-southeast-2" });
    });
});
