import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * Memoised provider factories: `if (!cache[k]) { cache[k] = new aws.Provider(...); } return cache[k];`
 * and the Map form with `has`/`set`/`get`. The evaluator does not follow control flow, so it saw
 * that the write may not run and judged the factory's result "undefined on some path": an error on
 * every resource given such a provider (guarded-reads.ts). A guard only makes the read defined when
 * it is in front of the read in the same function, writes the same location, and writes a value
 * that is itself never undefined. Runtime agreement: test/fixtures/agreement/registries
 * (`memo-good`, `memo-map-good`).
 */
const P = `import * as aws from "@pulumi/aws";
const role = (id: string) => ({ assumeRoles: [{ roleArn: \`arn:aws:iam::\${id}:role/Admin\` }] });
declare const flag: boolean;
`;

ruleTester(requireResourceProvider, {
    valid: [
        {
            name: "a record filled under `if (!cache[k])`",
            code: `${P}const cache: Record<string, aws.Provider> = {};\nfunction providerFor(id: string) {\n    if (!cache[id]) {\n        cache[id] = new aws.Provider(id, role(id));\n    }\n    return cache[id];\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });`,
        },
        {
            name: "a Map filled under `if (!cache.has(k))`, read with get()!",
            code: `${P}const cache = new Map<string, aws.Provider>();\nfunction providerFor(id: string) {\n    if (!cache.has(id)) cache.set(id, new aws.Provider(id, role(id)));\n    return cache.get(id)!;\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });`,
        },
        {
            name: "a guard written as `=== undefined`",
            code: `${P}const cache: Record<string, aws.Provider> = {};\nfunction providerFor(id: string) {\n    if (cache[id] === undefined) { cache[id] = new aws.Provider(id, role(id)); }\n    return cache[id];\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });`,
        },
        {
            name: "a guard written as `!(k in cache)`",
            code: `${P}const cache: Record<string, aws.Provider> = {};\nfunction providerFor(id: string) {\n    if (!(id in cache)) { cache[id] = new aws.Provider(id, role(id)); }\n    return cache[id];\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });`,
        },
        {
            name: "filled under the guard, with an else",
            code: `${P}const cache: Record<string, aws.Provider> = {};\nfunction providerFor(id: string) {\n    if (!cache[id]) { cache[id] = new aws.Provider(id, role(id)); } else { console.log("reused", id); }\n    return cache[id];\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });`,
        },
        {
            name: "an early return of what is there, then an unconditional write",
            code: `${P}const cache: Record<string, aws.Provider> = {};\nfunction providerFor(id: string) {\n    if (cache[id]) {\n        return cache[id];\n    }\n    cache[id] = new aws.Provider(id, role(id));\n    return cache[id];\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });`,
        },
    ],
    invalid: [
        {
            name: "the guard writes another key",
            code: `${P}const cache: Record<string, aws.Provider> = {};\nfunction providerFor(id: string, other: string) {\n    if (!cache[id]) { cache[other] = new aws.Provider(id, role(id)); }\n    return cache[id];\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222", "x") });`,
            errors: [{ messageId: "missingProvider", line: 9 }],
        },
        {
            name: "the guard writes a value that may be undefined",
            code: `${P}const cache: Record<string, aws.Provider | undefined> = {};\nfunction providerFor(id: string) {\n    if (!cache[id]) { cache[id] = flag ? new aws.Provider(id, role(id)) : undefined; }\n    return cache[id];\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });`,
            errors: [{ messageId: "missingProvider", line: 9 }],
        },
        {
            name: "read before the guard",
            code: `${P}const cache: Record<string, aws.Provider> = {};\nfunction providerFor(id: string) {\n    const before = cache[id];\n    if (!cache[id]) { cache[id] = new aws.Provider(id, role(id)); }\n    return before;\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });`,
            errors: [{ messageId: "missingProvider", line: 10 }],
        },
        {
            // The write's key is that function's parameter: which key it writes cannot be told where the cache is read.
            name: "filled by another function, which may not have run: unverifiable",
            code: `${P}const cache: Record<string, aws.Provider> = {};\nfunction init(id: string) { if (!cache[id]) { cache[id] = new aws.Provider(id, role(id)); } }\nfunction providerFor(id: string) { return cache[id]; }\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });\ninit("222222222222");`,
            errors: [{ messageId: "unverifiable", line: 7 }],
        },
        {
            name: "written under the opposite guard",
            code: `${P}const cache: Record<string, aws.Provider> = {};\nfunction providerFor(id: string) {\n    if (cache[id]) { cache[id] = new aws.Provider(id, role(id)); }\n    return cache[id];\n}\nnew aws.s3.Bucket("b", {}, { provider: providerFor("222222222222") });`,
            errors: [{ messageId: "missingProvider", line: 9 }],
        },
    ],
});
