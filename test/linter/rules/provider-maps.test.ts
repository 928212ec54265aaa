import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * Providers kept in a `Map` (linter/src/analysis/maps.ts): built from a list of `[key, provider]`
 * pairs or filled with `set`, read with `get`, `values()`, `entries()`, `for...of` and `forEach`.
 * `get` of a key the map lacks is `undefined`, the default provider; a key the linter cannot read
 * (`get(pulumi.getStack())`) is unverifiable. Every read of a Map was once unverifiable. Runtime
 * agreement: test/fixtures/agreement/idioms (`map-get-good`, `map-set-loop-good`, `map-missing-bad`).
 */
const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const role = (id: string) => ({ assumeRoles: [{ roleArn: \`arn:aws:iam::\${id}:role/A\` }] });
const prod = new aws.Provider("prod", role("333333333333"));
const accounts = [{ name: "dev", id: "222222222222" }, { name: "qa", id: "444444444444" }];
`;
const FILLED = `${P}const byName = new Map<string, aws.Provider>();
for (const a of accounts) { byName.set(a.name, new aws.Provider(a.name, role(a.id))); }
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "a Map built from pairs, by key", code: `${P}const m = new Map([["prod", prod]]);\nnew aws.s3.Bucket("b", {}, { provider: m.get("prod") });` },
        { name: "a Map filled by set", code: `${P}const m = new Map<string, aws.Provider>();\nm.set("prod", prod);\nnew aws.s3.Bucket("b", {}, { provider: m.get("prod") });` },
        { name: "a Map filled in a loop over a list in view", code: `${FILLED}new aws.s3.Bucket("b", {}, { provider: byName.get("qa") });` },
        { name: "for...of over a Map", code: `${FILLED}for (const [name, p] of byName) { new aws.s3.Bucket(name, {}, { provider: p }); }` },
        { name: "for...of over a Map's values()", code: `${FILLED}for (const p of byName.values()) { new aws.s3.Bucket("b", {}, { provider: p }); }` },
        { name: "for...of over a Map's entries()", code: `${FILLED}for (const [, p] of byName.entries()) { new aws.s3.Bucket("b", {}, { provider: p }); }` },
        { name: "a Map's forEach", code: `${FILLED}byName.forEach((p, name) => new aws.s3.Bucket(name, {}, { provider: p }));` },
    ],
    invalid: [
        { name: "a key the Map lacks", code: `${FILLED}new aws.s3.Bucket("b", {}, { provider: byName.get("prod") });`, errors: [{ messageId: "missingProvider", line: 7, message: /undefined on some path/ }] },
        { name: "a key the pairs lack", code: `${P}const m = new Map([["prod", prod]]);\nnew aws.s3.Bucket("b", {}, { provider: m.get("dev") });`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "set under a condition", code: `${P}const m = new Map<string, aws.Provider>();\nif (process.env.PROD) { m.set("prod", prod); }\nnew aws.s3.Bucket("b", {}, { provider: m.get("prod") });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "an undefined value in the Map, iterated", code: `${P}const m = new Map<string, aws.Provider | undefined>([["prod", prod], ["qa", undefined]]);\nfor (const p of m.values()) { new aws.s3.Bucket("b", {}, { provider: p }); }`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "a key the linter cannot read", code: `${FILLED}new aws.s3.Bucket("b", {}, { provider: byName.get(pulumi.getStack()) });`, errors: [{ messageId: "unverifiable", line: 7, message: /key the linter cannot read/ }] },
        { name: "entries deleted", code: `${P}const m = new Map([["prod", prod]]);\nm.delete("prod");\nnew aws.s3.Bucket("b", {}, { provider: m.get("prod") });`, errors: [{ messageId: "unverifiable", line: 7, message: /removes entries/ }] },
        { name: "pairs from a list out of view", code: `${P}declare const pairs: [string, aws.Provider][];\nconst m = new Map(pairs);\nnew aws.s3.Bucket("b", {}, { provider: m.get("prod") });`, errors: [{ messageId: "unverifiable", line: 7 }] },
    ],
});
