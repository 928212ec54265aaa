/** The pack's reading of JSON-encoded provider inputs, checked against Go's encoding/json rules (no pack process). */
import { describe, expect, it } from "vitest";
import { fromPlain, goFoldKey, JsonObject, parseGoJson, readField } from "../../policy/lib/go-json";
import { UNKNOWN, UNKNOWN_SENTINEL } from "../../policy/lib/plain-values";

const obj = (text: string) => parseGoJson(text) as JsonObject;

describe("parseGoJson", () => {
    it.each([
        ['{"a":1,"a":2}', [["a", 1], ["a", 2]]],
        ['{"roleArn":"x","RoleArn":"y"}', [["roleArn", "x"], ["RoleArn", "y"]]],
        ['{"\\u0072oleArn":"x"}', [["roleArn", "x"]]],
        ['  {"a" : [true, false, null, -1.5e3]} ', [["a", [true, false, null, -1500]]]],
    ])("keeps every key in order: %s", (text, entries) => {
        expect(obj(text).entries).toEqual(entries);
    });
    it("turns the engine's unknown sentinel into UNKNOWN wherever it sits", () => {
        expect(obj(`{"roleArn":"${UNKNOWN_SENTINEL}"}`).entries).toEqual([["roleArn", UNKNOWN]]);
    });
    it.each(["{'a':1}", '{"a":1,}', "[1,]", "NaN", '{"a":01}', '"\\x"', "{} x", '"tab\there"'])("rejects what Go rejects: %s", (text) => {
        expect(() => parseGoJson(text)).toThrow();
    });
});

describe("readField", () => {
    it("struct rule (aws-native): case-insensitive, the last match wins", () => {
        expect(readField(obj('{"roleArn":"a","RoleArn":"b"}'), "roleArn", "struct")).toEqual({ value: "b", key: "RoleArn" });
        expect(readField(obj('{"ROLEARN":"a"}'), "roleArn", "struct")).toEqual({ value: "a", key: "ROLEARN" });
        expect(readField(obj('{"roleArn":"a","roleArn":null}'), "roleArn", "struct")).toEqual({ value: null, key: "roleArn" });
    });
    it("map rule (the bridge): exact keys, the last duplicate wins, other spellings make it ambiguous", () => {
        expect(readField(obj('{"roleArn":"a","roleArn":"b"}'), "roleArn", "map")).toEqual({ value: "b", key: "roleArn" });
        expect(readField(obj('{"roleArn":"a","RoleArn":"b"}'), "roleArn", "map").ambiguous).toEqual(["roleArn", "RoleArn"]);
    });
    it("an object another SDK sent (order not the provider's): two spellings are ambiguous", () => {
        expect(readField(fromPlain({ roleArn: "a", RoleArn: "b" }) as JsonObject, "roleArn", "struct").ambiguous).toEqual(["roleArn", "RoleArn"]);
        expect(readField(fromPlain({ RoleArn: "b" }) as JsonObject, "roleArn", "struct")).toEqual({ value: "b", key: "RoleArn" });
    });
    it("folds as Go does: the Kelvin sign and the long s fold to K and S", () => {
        expect(goFoldKey("\u212aey")).toBe(goFoldKey("key"));
        expect(goFoldKey("\u017fts")).toBe(goFoldKey("STS"));
        expect(goFoldKey("é")).not.toBe(goFoldKey("e"));
    });
});
