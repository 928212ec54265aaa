import { requireInvokeProvider } from "../../../linter/src/rules/require-invoke-provider";
import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * Providers kept in collections, as multi-account programs keep them: a map by environment, a list
 * built from the account ids, loops over either. At run time an element is one of the elements
 * and a computed key one of its values; a key the map lacks (or an index past the end) is
 * `undefined`, the default provider. (Runtime agreement: test/fixtures/agreement/patterns.)
 */
const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const role = (id: string) => ({ roleArn: \`arn:aws:iam::\${id}:role/Admin\` });
const dev = new aws.Provider("dev", { assumeRoles: [role("222222222222")] });
const prod = new aws.Provider("prod", { assumeRoles: [role("333333333333")] });
const providers = { dev, prod };
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "for...of over providers", code: `${P}for (const provider of [dev, prod]) { new aws.s3.Bucket("b", {}, { provider }); }` },
        { name: "forEach over providers", code: `${P}[dev, prod].forEach((p) => new aws.s3.Bucket("b", {}, { provider: p }));` },
        { name: "for...of over Object.values of a map", code: `${P}for (const p of Object.values(providers)) { new aws.s3.Bucket("b", {}, { provider: p }); }` },
        { name: "for...of over Object.entries, destructured", code: `${P}for (const [env, provider] of Object.entries(providers)) { new aws.s3.Bucket(env, {}, { provider }); }` },
        { name: "Object.entries(...).forEach with a destructured parameter", code: `${P}Object.entries(providers).forEach(([env, provider]) => new aws.s3.Bucket(env, {}, { provider }));` },
        { name: "a key that is one of the map's keys on every path", code: `${P}const env = process.env.PROD ? "prod" : "dev";\nnew aws.s3.Bucket("b", {}, { provider: providers[env] });` },
        { name: "for...in with the loop key", code: `${P}for (const env in providers) { new aws.s3.Bucket(env, {}, { provider: providers[env as keyof typeof providers] }); }` },
        { name: "a list of providers made by map, by index", code: `${P}const list = ["222222222222", "333333333333"].map((id) => new aws.Provider(id, { assumeRoles: [role(id)] }));\nnew aws.s3.Bucket("b", {}, { provider: list[1] });` },
        { name: "a list of providers made by map, in a loop", code: `${P}const list = ["222222222222"].map((id) => new aws.Provider(id, { assumeRoles: [role(id)] }));\nfor (const provider of list) { new aws.s3.Bucket("b", {}, { provider }); }` },
        { name: "a frozen map", code: `${P}const frozen = Object.freeze({ dev, prod });\nnew aws.s3.Bucket("b", {}, { provider: frozen.prod });` },
        { name: "frozen options", code: `${P}const opts = Object.freeze({ provider: prod });\nnew aws.s3.Bucket("b", {}, opts);` },
        { name: "a list read with at(0)", code: `${P}const list = [dev, prod];\nnew aws.s3.Bucket("b", {}, { provider: list.at(0) });` },
        { name: "a list read with at(-1)", code: `${P}const list = [dev, prod];\nnew aws.s3.Bucket("b", {}, { provider: list.at(-1) });` },
        { name: "the rest of a destructured list", code: `${P}const [first, ...rest] = [dev, prod];\nnew aws.s3.Bucket("b", {}, { provider: rest[0] });` },
        { name: "the rest of a destructured map", code: `${P}const { dev: d, ...others } = providers;\nnew aws.s3.Bucket("b", {}, { provider: others.prod });` },
        { name: "the rest of a map, looped over, without its undefined key", code: `${P}const { qa, ...others } = { ...providers, qa: undefined };\nfor (const v of Object.values(others)) { new aws.s3.Bucket("b", {}, { provider: v }); }` },
        { name: "a Map's forEach gives its values (maps.ts)", code: `${P}new Map([["dev", dev]]).forEach((p) =>\nnew aws.s3.Bucket("b", {}, { provider: p }));` },
        { name: "Object.fromEntries of pairs a map() makes", code: `${P}const accounts = [{ name: "dev", id: "222222222222" }, { name: "qa", id: "444444444444" }];\nconst byName = Object.fromEntries(accounts.map((a) => [a.name, new aws.Provider(a.name, { assumeRoles: [role(a.id)] })]));\nnew aws.s3.Bucket("b", {}, { provider: byName.qa });` },
        { name: "Object.fromEntries of pairs written out", code: `${P}const byName = Object.fromEntries([["dev", dev], ["prod", prod]]);\nnew aws.s3.Bucket("b", {}, { provider: byName["prod"] });` },
        { name: "map() keeps each element's own result", code: `${P}const made = [{ n: "a", p: dev }, { n: "b", p: undefined }].map((x) => ({ name: x.n, opts: { provider: x.p } }));\nnew aws.s3.Bucket("b", {}, made[0].opts);` },
        { name: "a list literal by index", code: `${P}const list = [dev, prod];\nnew aws.s3.Bucket("b", {}, { provider: list[0] });` },
        { name: "a helper's conditional on a parameter every caller sets", code: `${P}function opts(env?: "dev" | "prod") { return env ? { provider: providers[env] } : {}; }\nnew aws.s3.Bucket("b", {}, opts("prod"));` },
        { name: "a loop over an empty list creates nothing", code: `${P}for (const o of []) { new aws.s3.Bucket("b", {}, o); }` },
    ],
    invalid: [
        { name: "for...of over a list with an undefined element", code: `${P}for (const provider of [dev, undefined]) {\nnew aws.s3.Bucket("b", {}, { provider }); }`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "forEach over options without a provider", code: `${P}[{ provider: dev }, { protect: true }].forEach((o) =>\nnew aws.s3.Bucket("b", {}, o));`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "a key the map lacks", code: `${P}\nnew aws.s3.Bucket("b", {}, { provider: providers["staging" as keyof typeof providers] });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "a frozen map's key that is undefined", code: `${P}const frozen = Object.freeze({ dev, qa: undefined });\nnew aws.s3.Bucket("b", {}, { provider: frozen.qa });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "the rest of a list, past its end", code: `${P}const [first, ...rest] = [dev];\nnew aws.s3.Bucket("b", {}, { provider: rest[0] });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "the rest of a map, without the key taken before it", code: `${P}const { dev: d, ...others } = providers;\nnew aws.s3.Bucket("b", {}, { provider: (others as any).dev });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "the rest of a map, looped over", code: `${P}const { prod: p, ...others } = { ...providers, qa: undefined };\nfor (const v of Object.values(others)) { new aws.s3.Bucket("b", {}, { provider: v }); }`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "the rest of a list after a spread", code: `${P}declare const more: aws.Provider[];\nconst [a, b, ...rest] = [...more, dev];\nnew aws.s3.Bucket("b", {}, { provider: rest[0] });`, errors: [{ messageId: "unverifiable", line: 8, message: /rest of a list/ }] },
        { name: "map() of an element without a provider", code: `${P}const made = [{ n: "a", p: dev }, { n: "b", p: undefined }].map((x) => ({ name: x.n, opts: { provider: x.p } }));\nnew aws.s3.Bucket("b", {}, made[1].opts);`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "Object.fromEntries without the key", code: `${P}const accounts = [{ name: "dev", id: "222222222222" }];\nconst byName = Object.fromEntries(accounts.map((a) => [a.name, new aws.Provider(a.name, { assumeRoles: [role(a.id)] })]));\nnew aws.s3.Bucket("b", {}, { provider: byName.prod });`, errors: [{ messageId: "missingProvider", line: 8 }] },
        { name: "Object.fromEntries of pairs out of view", code: `${P}declare const pairs: [string, aws.Provider][];\nconst byName = Object.fromEntries(pairs);\nnew aws.s3.Bucket("b", {}, { provider: byName.prod });`, errors: [{ messageId: "unverifiable", line: 8 }] },
        { name: "Object.fromEntries with a key the linter cannot read", code: `${P}declare const names: string[];\nconst byName = Object.fromEntries(names.map((n) => [n, dev]));\nnew aws.s3.Bucket("b", {}, { provider: byName.prod });`, errors: [{ messageId: "unverifiable", line: 8 }] },
        { name: "at() past the end of a list", code: `${P}const list = [dev, prod];\nnew aws.s3.Bucket("b", {}, { provider: list.at(2) });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "at() before the start of a list", code: `${P}const list = [dev, prod];\nnew aws.s3.Bucket("b", {}, { provider: list.at(-3) });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "at() from the end of a list with spread elements", code: `${P}declare const more: aws.Provider[];\nconst list = [dev, ...more];\nnew aws.s3.Bucket("b", {}, { provider: list.at(-1) });`, errors: [{ messageId: "unverifiable", line: 8, message: /counted from the end/ }] },
        { name: "at() with an index the linter cannot read", code: `${P}declare const i: number;\nconst list = [dev, prod];\nnew aws.s3.Bucket("b", {}, { provider: list.at(i) });`, errors: [{ messageId: "unverifiable", line: 8 }] },
        { name: "a literal key that may be one the map lacks", code: `${P}const env = process.env.PROD ? "prod" : "staging";\nnew aws.s3.Bucket("b", {}, { provider: (providers as Record<string, aws.Provider>)[env] });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "an index past the end of the list", code: `${P}const list = [dev];\nnew aws.s3.Bucket("b", {}, { provider: list[1] });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "a helper's conditional on a parameter a caller leaves out", code: `${P}function opts(env?: "dev" | "prod") { return env ? { provider: providers[env] } : {}; }\nnew aws.s3.Bucket("b", {}, opts());`, errors: [{ messageId: "missingProvider", line: 7 }] },
        {
            name: "a key the linter cannot tell (the stack's name) could be missing from the map",
            code: `${P}\nnew aws.s3.Bucket("b", {}, { provider: (providers as Record<string, aws.Provider>)[pulumi.getStack()] });`,
            errors: [{ messageId: "unverifiable", line: 7, message: /they come from/ }],
        },
        { name: "an element of a filtered list could be missing", code: `${P}const list = [dev, prod].filter((p) => p !== dev);\nnew aws.s3.Bucket("b", {}, { provider: list[0] });`, errors: [{ messageId: "unverifiable", line: 7 }] },
        { name: "a forEach of something that is neither a list nor a Map in view", code: `${P}declare const set: Set<aws.Provider>;\nset.forEach((p) =>\nnew aws.s3.Bucket("b", {}, { provider: p }));`, errors: [{ messageId: "unverifiable", line: 8, message: /anonymous function/ }] },
        { name: "an element after a spread of something out of view", code: `${P}declare const more: aws.Provider[];\nconst list = [...more, dev];\nnew aws.s3.Bucket("b", {}, { provider: list[1] });`, errors: [{ messageId: "unverifiable", line: 8 }] },
    ],
});

ruleTester(requireInvokeProvider, {
    valid: [{ name: "an invoke per provider of a map", code: `${P}for (const provider of Object.values(providers)) { aws.getCallerIdentityOutput({}, { provider }); }` }],
    invalid: [{ name: "an invoke with a key the map lacks", code: `${P}\naws.getCallerIdentityOutput({}, { provider: providers["qa" as keyof typeof providers] });`, errors: [{ messageId: "missingProvider", line: 7 }] }],
});
