import { describe, expect, it } from "vitest";
import { dataFor } from "../../linter/src/eslint/message-data";
import { formatMessage } from "../../linter/src/report/rule-meta";
import { PLUGIN_RULES } from "../../linter/src/eslint/plugin";

describe("dataFor", () => {
    it("recovers the data of a formatted message, so ESLint prints exactly the engine's text", () => {
        const template = "{{call}} gives no provider to {{inner}} ({{where}}), which would run with the management account's credentials{{detail}}; pass { provider } here.";
        const message = "mk(...) gives no provider to new aws.sqs.Queue(...) (index.ts:3), which would run with the management account's credentials (and 2 more places it reaches); pass { provider } here.";
        const data = dataFor(template, message)!;
        expect(data).toEqual({ call: "mk(...)", inner: "new aws.sqs.Queue(...)", where: "index.ts:3", detail: " (and 2 more places it reaches)" });
        expect(formatMessage(template, data)).toBe(message);
    });

    it("keeps a placeholder used twice consistent", () => {
        const template = "{{name}} passes its options ({{param}}) to super(...); new {{name}}(...) loses them.";
        expect(dataFor(template, "Site passes its options (opts) to super(...); new Site(...) loses them.")).toEqual({ name: "Site", param: "opts" });
        expect(dataFor(template, "Site passes its options (opts) to super(...); new Blog(...) loses them.")).toBeUndefined();
    });

    it("says when a message is not of the template", () => {
        expect(dataFor("no provider{{detail}}.", "something else")).toBeUndefined();
        expect(dataFor("literal (text) with [regex] characters.", "literal (text) with [regex] characters.")).toEqual({});
    });

    it("round-trips every message of every plugin rule", () => {
        for (const rule of PLUGIN_RULES) {
            for (const template of Object.values<string>(rule.messages)) {
                const keys = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
                const data = Object.fromEntries(keys.map((k, i) => [k, `v${i} (x; y)`]));
                expect(formatMessage(template, dataFor(template, formatMessage(template, data)))).toBe(formatMessage(template, data));
            }
        }
    });
});
