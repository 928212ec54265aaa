import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * Conditions of known truth take one branch (linter/src/analysis/conditions.ts); any other takes both.
 * A condition on a parameter is told per call site, as options arriving through parameters are: it
 * was once read as "either branch", so `p ? { provider: p } : {}` in a helper every caller gives a
 * provider was an error at the helper (runtime agreement: test/fixtures/agreement/registries,
 * `lenient-good`).
 */
const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] });
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "a literal condition", code: `${P}const pinned = true;\nnew aws.s3.Bucket("b", {}, pinned ? { provider: dev } : {});` },
        { name: "a negated literal", code: `${P}const skip = false;\nnew aws.s3.Bucket("b", {}, !skip ? { provider: dev } : {});` },
        { name: "a comparison of literals", code: `${P}const env = "prod";\nnew aws.s3.Bucket("b", {}, env === "prod" ? { provider: dev } : {});` },
        { name: "a string test of a literal", code: `${P}const env = "prod-eu";\nnew aws.s3.Bucket("b", {}, env.startsWith("prod") ? { provider: dev } : {});` },
        { name: "an early return on an if the call decides", code: `${P}function optsFor(env?: string) {\n    if (!env) {\n        return {};\n    }\n    return { provider: dev };\n}\nnew aws.s3.Bucket("b", {}, optsFor("prod"));` },
        { name: "a condition on a parameter every caller makes true", code: `${P}function mk(name: string, p?: aws.Provider) {\n    return new aws.s3.Bucket(name, {}, p ? { provider: p } : {});\n}\nmk("a", dev);\nmk("b", dev);` },
        { name: "an inequality", code: `${P}const env = "prod";\nnew aws.s3.Bucket("b", {}, env !== "dev" ? { provider: dev } : undefined);` },
    ],
    invalid: [
        { name: "a literal condition on the branch without", code: `${P}const pinned = false;\nnew aws.s3.Bucket("b", {}, pinned ? { provider: dev } : {});`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "a condition of unknown truth takes both branches", code: `${P}const env = pulumi.getStack();\nnew aws.s3.Bucket("b", {}, env === "prod" ? { provider: dev } : {});`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "the early return a call takes", code: `${P}function optsFor(env?: string) {\n    if (!env) {\n        return {};\n    }\n    return { provider: dev };\n}\nnew aws.s3.Bucket("b", {}, optsFor());`, errors: [{ messageId: "missingProvider", line: 9 }] },
        { name: "a string never equals a number (===)", code: `${P}const n = 1;\nnew aws.s3.Bucket("b", {}, n === ("1" as unknown) ? { provider: dev } : {});`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "zero is false, \"0\" is true", code: `${P}const zero = 0;\nconst text = "0";\nnew aws.s3.Bucket("b", {}, zero ? { provider: dev } : {});\nnew aws.s3.Bucket("c", {}, text ? {} : { provider: dev });`, errors: [{ messageId: "missingProvider", line: 5 }, { messageId: "missingProvider", line: 6 }] },
        { name: "a condition on a parameter one caller makes false: reported at that call", code: `${P}function mk(name: string, p?: aws.Provider) {\n    return new aws.s3.Bucket(name, {}, p ? { provider: p } : {});\n}\nmk("a", dev);\nmk("b");`, errors: [{ messageId: "viaCall", line: 7 }] },
        { name: "a string test that fails", code: `${P}const env = "dev";\nnew aws.s3.Bucket("b", {}, env.startsWith("prod") ? { provider: dev } : {});`, errors: [{ messageId: "missingProvider", line: 4 }] },
    ],
});
