import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

const providerFile = {
    "providers.ts": `
import * as aws from "@pulumi/aws";
export const devProvider = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });
export const sharedOpts = { provider: devProvider };
`,
};

ruleTester(requireResourceProvider, {
    valid: [
        { name: "namespace import with provider", code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\nnew aws.s3.Bucket("b", {}, { provider: p });` },
        { name: "shorthand provider", code: `import * as aws from "@pulumi/aws"; declare const provider: aws.Provider;\nnew aws.s3.Bucket("b", {}, { provider });` },
        { name: "provider: any expression counts as set", code: `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b", {}, { provider: undefined as any });` },
        {
            name: "options in a const object literal",
            code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\nconst opts = { provider: p, protect: true };\nnew aws.sqs.Queue("q", {}, opts);`,
        },
        { name: "spread of options with provider", code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\nconst base = { provider: p };\nnew aws.sqs.Queue("q", {}, { ...base, protect: true });` },
        {
            name: "pulumi.mergeOptions with provider",
            code: `import * as pulumi from "@pulumi/pulumi"; import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\nnew aws.sqs.Queue("q", {}, pulumi.mergeOptions({ protect: true }, { provider: p }));`,
        },
        { name: "options imported from another project file", code: `import * as aws from "@pulumi/aws"; import { sharedOpts } from "./providers";\nnew aws.s3.Bucket("b", {}, sharedOpts);`, files: providerFile },
        { name: "conditional where both branches set provider", code: `import * as aws from "@pulumi/aws"; declare const a: aws.Provider, b: aws.Provider, prod: boolean;\nnew aws.s3.Bucket("b", {}, prod ? { provider: a } : { provider: b });` },
        { name: "aws.Provider itself is not a resource", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });` },
        { name: "Pulumi builtins are not AWS", code: `import * as pulumi from "@pulumi/pulumi";\nnew pulumi.StackReference("org/net/dev");\nnew pulumi.Config("aws");` },
        { name: "non-Pulumi classes", code: `import { Bucket } from "./local";\nnew Bucket("b", {}, {});\nnew Map();`, files: { "local.ts": `export class Bucket { constructor(a: string, b: object, c: object) {} }` } },
        { name: "a local variable named aws shadows the import", code: `import * as aws from "@pulumi/aws";\nfunction f() { const aws = { s3: { Bucket: class { constructor(n: string) {} } } }; new aws.s3.Bucket("b"); }` },
        { name: "a parameter named aws shadows the import", code: `import * as aws from "@pulumi/aws";\nfunction f(aws: any) { new aws.s3.Bucket("b"); }` },
        { name: "comments and strings are not code", code: `import * as aws from "@pulumi/aws";\n// new aws.s3.Bucket("b");\nconst s = 'new aws.s3.Bucket("b")';\n/* aws.s3.Bucket.get("x", "y") */` },
        { name: "child of a component relying on parent: this", code: `import * as pulumi from "@pulumi/pulumi"; import * as aws from "@pulumi/aws";\nclass Site extends pulumi.ComponentResource { constructor(n: string) { super("acme:Site", n); new aws.s3.Bucket("b", {}, { parent: this }); } }` },
        {
            name: "parent is a resource that has a provider",
            code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\nconst bucket = new aws.s3.Bucket("b", {}, { provider: p });\nnew aws.s3.BucketPolicy("bp", { bucket: bucket.id, policy: "{}" }, { parent: bucket });`,
        },
        {
            name: "helper whose every call site passes a provider",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi"; declare const p: aws.Provider;\nfunction makeQueue(name: string, opts: pulumi.CustomResourceOptions) { return new aws.sqs.Queue(name, {}, opts); }\nmakeQueue("a", { provider: p });\nmakeQueue("b", { provider: p, protect: true });`,
        },
        { name: "static get with provider", code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\naws.ec2.Vpc.get("vpc", "vpc-123", undefined, { provider: p });` },
        { name: "aws-native ignored when not configured", code: `import * as native from "@pulumi/aws-native";\nnew native.s3.Bucket("b");`, settings: { packages: ["aws"] } },
    ],
    invalid: [
        { name: "no options at all", code: `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 2, column: 1, message: /new aws\.s3\.Bucket\(\.\.\.\) has no explicit provider/ }] },
        { name: "options without provider", code: `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b", {}, { protect: true });`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "deep import", code: `import * as s3 from "@pulumi/aws/s3";\nnew s3.Bucket("b", {});`, errors: [{ messageId: "missingProvider", line: 2, message: /aws\.s3\.Bucket/ }] },
        { name: "named import of a class from a deep module", code: `import { Bucket } from "@pulumi/aws/s3";\nnew Bucket("b");`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "named, renamed import of a namespace", code: `import { s3 as storage } from "@pulumi/aws";\nnew storage.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "import = require", code: `import aws = require("@pulumi/aws");\nnew aws.sqs.Queue("q");`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "default import (esModuleInterop)", code: `import aws from "@pulumi/aws";\nnew aws.sqs.Queue("q");`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "destructured namespace", code: `import * as aws from "@pulumi/aws";\nconst { s3 } = aws;\nnew s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "class alias", code: `import * as aws from "@pulumi/aws";\nconst Q = aws.sqs.Queue;\nnew Q("q");`, errors: [{ messageId: "missingProvider", line: 3, message: /aws\.sqs\.Queue/ }] },
        { name: "const require", code: `const aws = require("@pulumi/aws");\nnew aws.iam.Role("r", {});`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "aws-native by default", code: `import * as native from "@pulumi/aws-native";\nnew native.s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 2, message: /aws-native\.s3\.Bucket/ }] },
        { name: "configured extra package", code: `import * as awsx from "@pulumi/awsx";\nnew awsx.ec2.Vpc("v");`, settings: { packages: ["aws", "awsx"] }, errors: [{ messageId: "missingProvider", line: 2 }] },
        {
            name: "inside functions, loops, callbacks and async code",
            code: `import * as aws from "@pulumi/aws";
function f() { new aws.s3.Bucket("a"); }
for (const n of ["x", "y"]) { new aws.s3.Bucket(n); }
["z"].forEach((n) => new aws.s3.Bucket(n));
async function g() { await Promise.resolve(); new aws.s3.Bucket("w"); }
class K { m() { new aws.s3.Bucket("m"); } }`,
            errors: [2, 3, 4, 5, 6].map((line) => ({ messageId: "missingProvider", line })),
        },
        { name: "static get without options", code: `import * as aws from "@pulumi/aws";\nconst vpc = aws.ec2.Vpc.get("vpc", "vpc-123");`, errors: [{ messageId: "missingLookupProvider", line: 2, column: 13 }] },
        { name: "static get with options but no provider", code: `import { ec2 } from "@pulumi/aws";\nec2.Vpc.get("vpc", "vpc-123", {}, { protect: true });`, errors: [{ messageId: "missingLookupProvider", line: 2 }] },
        { name: "spread of options without provider", code: `import * as aws from "@pulumi/aws";\nconst base = { protect: true };\nnew aws.sqs.Queue("q", {}, { ...base });`, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "one branch of a conditional lacks provider", code: `import * as aws from "@pulumi/aws"; declare const a: aws.Provider, prod: boolean;\nnew aws.s3.Bucket("b", {}, prod ? { provider: a } : {});`, errors: [{ messageId: "missingProvider", line: 2 }] },
        {
            name: "mergeOptions without provider",
            code: `import * as pulumi from "@pulumi/pulumi"; import * as aws from "@pulumi/aws";\nnew aws.sqs.Queue("q", {}, pulumi.mergeOptions({ protect: true }, { deleteBeforeReplace: true }));`,
            errors: [{ messageId: "missingProvider", line: 2 }],
        },
        { name: "providers on a custom resource", code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\nnew aws.s3.Bucket("b", {}, { providers: [p] });`, errors: [{ messageId: "providersOnCustom", line: 2 }] },
        {
            name: "parent resource without a provider",
            code: `import * as aws from "@pulumi/aws";\nconst bucket = new aws.s3.Bucket("b");\nnew aws.s3.BucketPolicy("bp", { bucket: bucket.id, policy: "{}" }, { parent: bucket });`,
            errors: [
                { messageId: "missingProvider", line: 2 },
                { messageId: "missingProvider", line: 3, message: /its parent bucket has no provider either/ },
            ],
        },
        {
            name: "options from a call result are unverifiable",
            code: `import * as aws from "@pulumi/aws"; declare function makeOpts(): object;\nnew aws.s3.Bucket("b", {}, makeOpts());`,
            errors: [{ messageId: "unverifiable", line: 2, message: /cannot verify that new aws\.s3\.Bucket\(\.\.\.\) gets a provider: they come from a call \(makeOpts\(\.\.\.\)\)/ }],
        },
        {
            name: "helper with a call site that passes no provider names that call site",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi"; declare const p: aws.Provider;
function makeQueue(name: string, opts?: pulumi.CustomResourceOptions) { return new aws.sqs.Queue(name, {}, opts); }
makeQueue("a", { provider: p });
makeQueue("b");`,
            errors: [{ messageId: "missingProvider", line: 2, message: /the call at .*index\.ts:4/ }],
        },
        {
            name: "helper called from another file",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nexport const makeTopic = (name: string, opts: pulumi.CustomResourceOptions) => new aws.sns.Topic(name, {}, opts);`,
            files: { "app.ts": `import { makeTopic } from "./index";\nmakeTopic("t", { protect: true });` },
            errors: [{ messageId: "missingProvider", line: 2, message: /app\.ts:2/ }],
        },
        {
            name: "helper never called in the project",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nexport function makeQueue(opts: pulumi.CustomResourceOptions) { return new aws.sqs.Queue("q", {}, opts); }`,
            errors: [{ messageId: "unverifiable", line: 2, message: /parameter "opts" and no call of makeQueue\(\) in the project passes them/ }],
        },
        {
            name: "helper passed around as a value",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nfunction makeQueue(opts: pulumi.CustomResourceOptions) { return new aws.sqs.Queue("q", {}, opts); }\n[{}].map(makeQueue);`,
            errors: [{ messageId: "unverifiable", line: 2, message: /passed around as a value/ }],
        },
        { name: "method parameter", code: `import * as aws from "@pulumi/aws";\nclass F { make(opts: object) { return new aws.sqs.Queue("q", {}, opts); } }`, errors: [{ messageId: "unverifiable", line: 2, message: /method or an anonymous function/ }] },
        {
            name: "parent: this outside a component",
            code: `import * as aws from "@pulumi/aws";\nclass NotAComponent { constructor() { new aws.s3.Bucket("b", {}, { parent: this as any }); } }`,
            errors: [{ messageId: "missingProvider", line: 2, message: /not a component here/ }],
        },
    ],
});
