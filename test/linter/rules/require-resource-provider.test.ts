import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/** Every provider a case needs, in view; `p` and `dev` are aws providers, `native` an aws-native one. */
const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const p = new aws.Provider("p", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });
`;
const providerFile = {
    "providers.ts": `import * as aws from "@pulumi/aws";
export const devProvider = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });
export const sharedOpts = { provider: devProvider };
`,
};

ruleTester(requireResourceProvider, {
    valid: [
        { name: "provider created in view", code: `${P}new aws.s3.Bucket("b", {}, { provider: p });` },
        { name: "declared provider (its type says it is one)", code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\nnew aws.s3.Bucket("b", {}, { provider: p });` },
        { name: "shorthand provider", code: `import * as aws from "@pulumi/aws"; declare const provider: aws.Provider;\nnew aws.s3.Bucket("b", {}, { provider });` },
        { name: "options in a const object literal", code: `${P}const opts = { provider: p, protect: true };\nnew aws.sqs.Queue("q", {}, opts);` },
        { name: "spread of options with provider", code: `${P}const base = { provider: p };\nnew aws.sqs.Queue("q", {}, { ...base, protect: true });` },
        { name: "spread that has no provider key keeps the earlier one", code: `${P}const extra = { protect: true };\nnew aws.sqs.Queue("q", {}, { provider: p, ...extra });` },
        { name: "pulumi.mergeOptions with provider", code: `${P}new aws.sqs.Queue("q", {}, pulumi.mergeOptions({ protect: true }, { provider: p }));` },
        { name: "Object.assign with provider", code: `${P}new aws.sqs.Queue("q", {}, Object.assign({}, { protect: true }, { provider: p }));` },
        { name: "options imported from another project file", code: `import * as aws from "@pulumi/aws"; import { sharedOpts } from "./providers";\nnew aws.s3.Bucket("b", {}, sharedOpts);`, files: providerFile },
        { name: "conditional where both branches set provider", code: `${P}declare const prod: boolean;\nnew aws.s3.Bucket("b", {}, prod ? { provider: p } : { provider: p, protect: true });` },
        { name: "provider chosen by a conditional between two providers", code: `${P}const q = new aws.Provider("q", { assumeRoles: [{ roleArn: "arn:aws:iam::333333333333:role/Admin" }] }); declare const prod: boolean;\nnew aws.s3.Bucket("b", {}, { provider: prod ? p : q });` },
        { name: "aws.Provider itself is not a resource", code: `${P}` },
        { name: "Pulumi builtins are not AWS", code: `import * as pulumi from "@pulumi/pulumi";\nnew pulumi.StackReference("org/net/dev");\nnew pulumi.Config("aws");` },
        { name: "non-Pulumi classes", code: `import { Bucket } from "./local";\nnew Bucket("b", {}, {});\nnew Map();`, files: { "local.ts": `export class Bucket { constructor(a: string, b: object, c: object) {} }` } },
        { name: "a local variable named aws shadows the import", code: `import * as aws from "@pulumi/aws";\nfunction f() { const aws = { s3: { Bucket: class { constructor(n: string) {} } } }; new aws.s3.Bucket("b"); }` },
        { name: "a parameter named aws shadows the import", code: `import * as aws from "@pulumi/aws";\nfunction f(aws: any) { new aws.s3.Bucket("b"); }` },
        { name: "comments and strings are not code", code: `import * as aws from "@pulumi/aws";\n// new aws.s3.Bucket("b");\nconst s = 'new aws.s3.Bucket("b")';\n/* aws.s3.Bucket.get("x", "y") */` },
        { name: "parent is a resource that has a provider", code: `${P}const bucket = new aws.s3.Bucket("b", {}, { provider: p });\nnew aws.s3.BucketPolicy("bp", { bucket: bucket.id, policy: "{}" }, { parent: bucket });` },
        { name: "parent of a parent carries the provider", code: `${P}const b = new aws.s3.Bucket("b", {}, { provider: p });\nconst v = new aws.s3.BucketVersioning("v", { bucket: b.id, versioningConfiguration: { status: "Enabled" } }, { parent: b });\nnew aws.s3.BucketPolicy("bp", { bucket: b.id, policy: "{}" }, { parent: v });` },
        { name: "helper whose every call site passes a provider", code: `${P}function makeQueue(name: string, opts: pulumi.CustomResourceOptions) { return new aws.sqs.Queue(name, {}, opts); }\nmakeQueue("a", { provider: p });\nmakeQueue("b", { provider: p, protect: true });` },
        { name: "helper whose default options carry the provider", code: `${P}function makeQueue(name: string, opts: pulumi.CustomResourceOptions = { provider: p }) { return new aws.sqs.Queue(name, {}, opts); }\nmakeQueue("a");` },
        { name: "helper that takes the provider itself", code: `${P}const queueOn = (provider: aws.Provider, name: string) => new aws.sqs.Queue(name, {}, { provider });\nqueueOn(p, "a");` },
        { name: "provider: opts.provider where every caller passes one", code: `${P}function mk(name: string, opts: { provider?: aws.Provider }) { return new aws.sqs.Queue(name, {}, { provider: opts.provider }); }\nmk("a", { provider: p });` },
        { name: "destructured parameter", code: `${P}const mk = ({ provider, name }: { provider: aws.Provider; name: string }) => new aws.sqs.Queue(name, {}, { provider });\nmk({ provider: p, name: "a" });` },
        { name: "options built by a project function", code: `${P}const withProvider = (opts: pulumi.CustomResourceOptions) => ({ ...opts, provider: p });\nnew aws.sqs.Queue("q", {}, withProvider({ protect: true }));` },
        { name: "a function that returns the provider", code: `${P}function target() { return p; }\nnew aws.sqs.Queue("q", {}, { provider: target() });` },
        { name: "a function whose declared return type is a provider", code: `import * as aws from "@pulumi/aws"; declare function target(): aws.Provider;\nnew aws.sqs.Queue("q", {}, { provider: target() });` },
        { name: "a cached provider behind a declared return type", code: `import * as aws from "@pulumi/aws";\nconst cache = new Map<string, aws.Provider>();\nfunction target(key: string): aws.Provider { let x = cache.get(key); if (!x) { x = new aws.Provider(key, { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] }); cache.set(key, x); } return x; }\nnew aws.sqs.Queue("q", {}, { provider: target("dev") });` },
        { name: "curried factory", code: `${P}const inAccount = (opts: pulumi.CustomResourceOptions) => (name: string) => new aws.sqs.Queue(name, {}, opts);\nconst make = inAccount({ provider: p });\nmake("a");\nmake("b");` },
        { name: "plain class that keeps the provider in a field", code: `${P}class Factory { constructor(private readonly provider: aws.Provider) {} queue(name: string) { return new aws.sqs.Queue(name, {}, { provider: this.provider }); } }\nconst f = new Factory(p);\nf.queue("a");` },
        { name: "field set by a base class", code: `${P}class Base { protected provider: aws.Provider; constructor(provider: aws.Provider) { this.provider = provider; } }\nclass Queues extends Base { make(name: string) { return new aws.sqs.Queue(name, {}, { provider: this.provider }); } }\nnew Queues(p).make("a");` },
        { name: "an arrow function kept in a class property, called as a method", code: `${P}class Factory { make = (name: string, opts?: pulumi.CustomResourceOptions) => new aws.sqs.Queue(name, {}, opts); }\nnew Factory().make("a", { provider: p });` },
        { name: "a static arrow property", code: `${P}class Queues { static make = (name: string, opts?: pulumi.CustomResourceOptions) => new aws.sqs.Queue(name, {}, opts); }\nQueues.make("a", { provider: p });` },
        { name: "a provider parameter with a default, in a helper no project code calls", code: `${P}export function makeBucket(name: string, provider: aws.Provider = p) { return new aws.s3.Bucket(name, {}, { provider }); }` },
        { name: "SDK classes in a constant list, made in a forEach with a provider", code: `${P}const kinds = [aws.sns.Topic, aws.sqs.Queue];\nkinds.forEach((T, i) => new T("t" + i, {}, { provider: p }));` },
        { name: "static factory", code: `${P}class Queues { static make(name: string, opts: pulumi.CustomResourceOptions) { return new aws.sqs.Queue(name, {}, opts); } }\nQueues.make("a", { provider: p });` },
        { name: "object-literal helper", code: `${P}const helpers = { make(name: string, opts: pulumi.CustomResourceOptions) { return new aws.sqs.Queue(name, {}, opts); } };\nhelpers.make("a", { provider: p });` },
        { name: "a subclass of a subclass given a provider", code: `${P}class Logs extends aws.s3.Bucket { constructor(name: string, opts?: pulumi.CustomResourceOptions) { super(name, {}, opts); } }\nclass Retained extends Logs { constructor(name: string, opts?: pulumi.CustomResourceOptions) { super(name, pulumi.mergeOptions(opts, { retainOnDelete: true })); } }\nnew Retained("r", { provider: p });` },
        { name: "a subclass of an SDK resource given a provider", code: `${P}class Logs extends aws.s3.Bucket { constructor(name: string, opts?: pulumi.CustomResourceOptions) { super(name, { forceDestroy: true }, opts); } }\nnew Logs("l", { provider: p });` },
        { name: "unconditional property write", code: `${P}const opts: pulumi.CustomResourceOptions = {};\nopts.provider = p;\nnew aws.sqs.Queue("q", {}, opts);` },
        { name: "static get with provider", code: `${P}aws.ec2.Vpc.get("vpc", "vpc-123", undefined, { provider: p });` },
        { name: "aws-native get takes options third", code: `import * as native from "@pulumi/aws-native"; declare const n: native.Provider;\nnative.s3.Bucket.get("b", "id", { provider: n });` },
        { name: "aws-native ignored when not configured", code: `import * as native from "@pulumi/aws-native";\nnew native.s3.Bucket("b");`, settings: { packages: ["aws"] } },
        { name: "aws-native resource on an aws-native provider", code: `import * as native from "@pulumi/aws-native"; declare const n: native.Provider;\nnew native.s3.Bucket("b", {}, { provider: n });` },
        // A class handed in as `typeof aws.s3.Bucket` was once not seen at all (entities.ts, parameters).
        { name: "an SDK class handed to a helper, given a provider at every call", code: `${P}function make(C: typeof aws.s3.Bucket, name: string, opts: pulumi.CustomResourceOptions) { return new C(name, {}, opts); }\nmake(aws.s3.Bucket, "b", { provider: p });` },
        { name: "an SDK class kept in a constant object, given a provider", code: `${P}const kinds = { bucket: aws.s3.Bucket };\nnew kinds.bucket("b", {}, { provider: p });` },
        { name: "an SDK class chosen by a condition, given a provider", code: `${P}const Kind = process.env.V2 ? aws.s3.BucketV2 : aws.s3.Bucket;\nnew Kind("b", {}, { provider: p });` },
    ],
    invalid: [
        { name: "an SDK class chosen by a condition", code: `${P}const Kind = process.env.V2 ? aws.s3.BucketV2 : aws.s3.Bucket;\nnew Kind("b");`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "an SDK class on one branch of a condition", code: `${P}class Local { constructor(readonly name: string) {} }\nconst Kind = process.env.V2 ? Local : aws.s3.Bucket;\nnew Kind("b");`, errors: [{ messageId: "missingProvider", line: 5 }] },
        { name: "an SDK class kept in a constant object", code: `${P}const kinds = { bucket: aws.s3.Bucket };\nnew kinds["bucket"]("b");`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "a module imported with await import()", code: `async function main() {\n    const aws = await import("@pulumi/aws");\n    new aws.s3.Bucket("b");\n}\nmain();`, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "an SDK class handed to a helper that passes no options", code: `${P}function make(C: typeof aws.s3.Bucket, name: string) { return new C(name); }\nmake(aws.s3.Bucket, "b");`, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "SDK classes in a list, made in a forEach without a provider (they were not seen at all)", code: `import * as aws from "@pulumi/aws";\n[aws.sns.Topic, aws.sqs.Queue].forEach((T, i) => new T("t" + i));`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "an SDK class handed to a helper, a call without a provider", code: `${P}function make(C: typeof aws.s3.Bucket, name: string, opts?: pulumi.CustomResourceOptions) { return new C(name, {}, opts); }\nmake(aws.s3.Bucket, "b", { provider: p });\nmake(aws.s3.Bucket, "c");`, errors: [{ messageId: "viaCall", line: 5 }] },
        { name: "no options at all", code: `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 2, column: 1, message: /new aws\.s3\.Bucket\(\.\.\.\) has no explicit provider/ }] },
        { name: "options without provider", code: `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b", {}, { protect: true });`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "provider: undefined", code: `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b", {}, { provider: undefined });`, errors: [{ messageId: "missingProvider", line: 2, message: /undefined on some path/ }] },
        { name: "provider: cond ? p : undefined", code: `${P}declare const prod: boolean;\nnew aws.s3.Bucket("b", {}, { provider: prod ? p : undefined });`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "options on one branch only", code: `${P}declare const prod: boolean;\nnew aws.s3.Bucket("b", {}, prod ? { provider: p } : {});`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "a later spread resets the provider", code: `${P}const reset = { provider: undefined };\nnew aws.s3.Bucket("b", {}, { provider: p, ...reset });`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "mergeOptions whose second bag sets provider: undefined", code: `${P}new aws.sqs.Queue("q", {}, pulumi.mergeOptions({ provider: p }, { provider: undefined }));`, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "mergeOptions without provider", code: `import * as pulumi from "@pulumi/pulumi"; import * as aws from "@pulumi/aws";\nnew aws.sqs.Queue("q", {}, pulumi.mergeOptions({ protect: true }, { deleteBeforeReplace: true }));`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "a provider of another package", code: `import * as aws from "@pulumi/aws"; import * as native from "@pulumi/aws-native"; declare const n: native.Provider;\nnew aws.s3.Bucket("b", {}, { provider: n });`, errors: [{ messageId: "wrongPackage", line: 2, message: /provider of aws-native, which cannot act for aws/ }] },
        { name: "parent is a provider (a provider is not a provider bag)", code: `${P}new aws.s3.Bucket("b", {}, { parent: p });`, errors: [{ messageId: "missingProvider", line: 3, message: /is a provider resource, which passes no provider to its children/ }] },
        { name: "providers on a custom resource", code: `${P}new aws.s3.Bucket("b", {}, { providers: [p] });`, errors: [{ messageId: "providersOnCustom", line: 3 }] },
        { name: "providers: [] on a custom resource is still providers", code: `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b", {}, { providers: [] });`, errors: [{ messageId: "providersOnCustom", line: 2 }] },
        {
            name: "parent resource without a provider",
            code: `import * as aws from "@pulumi/aws";\nconst bucket = new aws.s3.Bucket("b");\nnew aws.s3.BucketPolicy("bp", { bucket: bucket.id, policy: "{}" }, { parent: bucket });`,
            errors: [
                { messageId: "missingProvider", line: 2 },
                { messageId: "missingProvider", line: 3, message: /its parent, new aws\.s3\.Bucket\(\.\.\.\) at .*index\.ts:2, has no provider either/ },
            ],
        },
        { name: "deep import", code: `import * as s3 from "@pulumi/aws/s3";\nnew s3.Bucket("b", {});`, errors: [{ messageId: "missingProvider", line: 2, message: /aws\.s3\.Bucket/ }] },
        { name: "named import of a class from a deep module", code: `import { Bucket } from "@pulumi/aws/s3";\nnew Bucket("b");`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "named, renamed import of a namespace", code: `import { s3 as storage } from "@pulumi/aws";\nnew storage.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "import = require", code: `import aws = require("@pulumi/aws");\nnew aws.sqs.Queue("q");`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "default import (esModuleInterop)", code: `import aws from "@pulumi/aws";\nnew aws.sqs.Queue("q");`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "destructured namespace", code: `import * as aws from "@pulumi/aws";\nconst { s3 } = aws;\nnew s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "class alias", code: `import * as aws from "@pulumi/aws";\nconst Q = aws.sqs.Queue;\nnew Q("q");`, errors: [{ messageId: "missingProvider", line: 3, message: /aws\.sqs\.Queue/ }] },
        { name: "const require", code: `const aws = require("@pulumi/aws");\nnew aws.iam.Role("r", {});`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "aws-native by default", code: `import * as native from "@pulumi/aws-native";\nnew native.s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 2, message: /aws-native\.s3\.Bucket/ }] },
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
        { name: "static get without options", code: `import * as aws from "@pulumi/aws";\nconst vpc = aws.ec2.Vpc.get("vpc", "vpc-123");`, errors: [{ messageId: "missingLookupProvider", line: 2, column: 13, message: /as its fourth argument/ }] },
        { name: "static get with options but no provider", code: `import { ec2 } from "@pulumi/aws";\nec2.Vpc.get("vpc", "vpc-123", {}, { protect: true });`, errors: [{ messageId: "missingLookupProvider", line: 2 }] },
        { name: "aws-native get without options (its options are third)", code: `import * as native from "@pulumi/aws-native";\nnative.s3.Bucket.get("b", "id");`, errors: [{ messageId: "missingLookupProvider", line: 2, message: /as its third argument/ }] },
        { name: "let reassigned on one path only", code: `${P}declare const prod: boolean;\nlet opts: pulumi.CustomResourceOptions = {};\nif (prod) { opts = { provider: p }; }\nnew aws.sqs.Queue("q", {}, opts);`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "property written on one path only", code: `${P}declare const prod: boolean;\nconst opts: pulumi.CustomResourceOptions = {};\nif (prod) { opts.provider = p; }\nnew aws.sqs.Queue("q", {}, opts);`, errors: [{ messageId: "missingProvider", line: 6 }] },
        {
            name: "helper with a call site that passes no provider: reported at that call",
            code: `${P}function makeQueue(name: string, opts?: pulumi.CustomResourceOptions) { return new aws.sqs.Queue(name, {}, opts); }
makeQueue("a", { provider: p });
makeQueue("b");`,
            errors: [{ messageId: "viaCall", line: 5, column: 1, message: /makeQueue\(\.\.\.\) gives no provider to new aws\.sqs\.Queue\(\.\.\.\) \(.*index\.ts:3\)/ }],
        },
        {
            name: "provider: opts?.provider when the caller passes none",
            code: `${P}function mk(name: string, opts?: pulumi.CustomResourceOptions) { return new aws.sqs.Queue(name, {}, { provider: opts?.provider }); }\nmk("a");`,
            errors: [{ messageId: "viaCall", line: 4 }],
        },
        {
            name: "provider: args.provider when the caller passes none",
            code: `${P}function mk(name: string, args: { provider?: aws.Provider }) { return new aws.sqs.Queue(name, {}, { provider: args.provider }); }\nmk("a", {});`,
            errors: [{ messageId: "viaCall", line: 4 }],
        },
        {
            name: "helper called from another file: reported in that file",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nexport const makeTopic = (name: string, opts: pulumi.CustomResourceOptions) => new aws.sns.Topic(name, {}, opts);`,
            files: { "app.ts": `import { makeTopic } from "./index";\nmakeTopic("t", { protect: true });` },
            errors: [{ messageId: "viaCall", line: 2, file: "app.ts", message: /makeTopic\(\.\.\.\) gives no provider to new aws\.sns\.Topic/ }],
        },
        {
            name: "nested helpers: reported at the outermost call that passes nothing",
            code: `${P}const inner = (name: string, opts: pulumi.CustomResourceOptions) => new aws.sqs.Queue(name, {}, opts);
const outer = (name: string, opts: pulumi.CustomResourceOptions) => inner(name, { ...opts, protect: true });
outer("a", { provider: p });
outer("b", {});`,
            errors: [{ messageId: "viaCall", line: 6, message: /outer\(\.\.\.\) gives no provider/ }],
        },
        {
            name: "a subclass of an SDK resource created without a provider",
            code: `${P}class Logs extends aws.s3.Bucket { constructor(name: string, opts?: pulumi.CustomResourceOptions) { super(name, { forceDestroy: true }, opts); } }\nnew Logs("l");`,
            errors: [{ messageId: "missingProvider", line: 4, message: /new Logs\(\.\.\.\) has no explicit provider.*a aws resource class/ }],
        },
        {
            name: "a subclass of a subclass of an SDK resource, across files",
            code: `import { Logs } from "./logs";\nclass RetainedLogs extends Logs {}\nnew RetainedLogs("r");`,
            files: { "logs.ts": `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nexport class Logs extends aws.s3.Bucket { constructor(name: string, opts?: pulumi.CustomResourceOptions) { super(name, {}, opts); } }` },
            errors: [{ messageId: "missingProvider", line: 3, message: /new RetainedLogs\(\.\.\.\) has no explicit provider/ }],
        },
        {
            // It was judged as a function whose callers cannot be listed: an error at the arrow, whatever its callers passed.
            name: "an arrow function kept in a class property: reported at the call that passes no provider",
            code: `${P}class Factory { make = (name: string, opts?: pulumi.CustomResourceOptions) => new aws.sqs.Queue(name, {}, opts); }\nconst f = new Factory();\nf.make("a", { provider: p });\nf.make("b");`,
            errors: [{ messageId: "viaCall", line: 6, message: /f\.make\(\.\.\.\) gives no provider/ }],
        },
        {
            name: "a plain class built without a provider in its field",
            code: `${P}class Factory { constructor(private readonly provider?: aws.Provider) {} queue(name: string) { return new aws.sqs.Queue(name, {}, { provider: this.provider }); } }\nnew Factory(p).queue("a");\nnew Factory().queue("b");`,
            errors: [{ messageId: "viaCall", line: 5, message: /new Factory\(\.\.\.\) gives no provider/ }],
        },
        {
            // Optional, so a caller may leave it out; whether any does cannot be seen. It was an error at the helper.
            name: "an optional options parameter of a helper no project code calls: unverifiable, not an error",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nexport function makeBucket(name: string, opts?: pulumi.CustomResourceOptions) { return new aws.s3.Bucket(name, {}, opts); }`,
            errors: [{ messageId: "unverifiable", line: 2, message: /no call of makeBucket\(\) in the project passes them/ }],
        },
        {
            name: "an optional provider parameter of a helper no project code calls: unverifiable, not an error",
            code: `import * as aws from "@pulumi/aws";\nexport function makeBucket(name: string, provider?: aws.Provider) { return new aws.s3.Bucket(name, {}, { provider }); }`,
            errors: [{ messageId: "unverifiable", line: 2, message: /parameter "provider" and no call of makeBucket\(\) in the project passes them, and it is optional/ }],
        },
        {
            name: "options from a call result are unverifiable",
            code: `import * as aws from "@pulumi/aws"; declare function makeOpts(): object;\nnew aws.s3.Bucket("b", {}, makeOpts());`,
            errors: [{ messageId: "unverifiable", line: 2, message: /cannot verify that new aws\.s3\.Bucket\(\.\.\.\) gets a provider: they come from a call \(makeOpts\(\.\.\.\)\)/ }],
        },
        {
            name: "a declared provider of type any is unverifiable",
            code: `import * as aws from "@pulumi/aws"; declare const p: any;\nnew aws.s3.Bucket("b", {}, { provider: p });`,
            errors: [{ messageId: "unverifiable", line: 2 }],
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
        // The search finds a name's uses from its places in the text: a longer name ending in it, a
        // mention in a comment or a string, and a use spelt with a unicode escape must not hide the use.
        {
            name: "helper passed around as a value after longer names, comments and strings that contain its name",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nfunction makeQueue(opts: pulumi.CustomResourceOptions) { return new aws.sqs.Queue("q", {}, opts); }\nconst remakeQueue = "makeQueue"; // makeQueue\n[{}].map(makeQueue);`,
            errors: [{ messageId: "unverifiable", line: 2, message: /"makeQueue" is passed around as a value/ }],
        },
        {
            name: "helper passed around as a value under a name spelt with a unicode escape",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nfunction makeQueue(opts: pulumi.CustomResourceOptions) { return new aws.sqs.Queue("q", {}, opts); }\nmakeQueue({});\n[{}].map(make\\u0051ueue);`,
            errors: [{ messageId: "unverifiable", line: 2, message: /passed around as a value/ }],
        },
        { name: "a callback's parameter from a caller out of view", code: `import * as aws from "@pulumi/aws"; declare function each(f: (o: object) => void): void;\neach((opts: object) => new aws.sqs.Queue("q", {}, opts));`, errors: [{ messageId: "unverifiable", line: 2, message: /anonymous function/ }] },
        { name: "an array callback's element without a provider", code: `import * as aws from "@pulumi/aws";\n[{}].map((opts: object) => new aws.sqs.Queue("q", {}, opts));`, errors: [{ messageId: "missingProvider", line: 2 }] },
        {
            name: "parent: this outside a resource class",
            code: `import * as aws from "@pulumi/aws";\nclass NotAComponent { constructor() { new aws.s3.Bucket("b", {}, { parent: this as any }); } }\nnew NotAComponent();`,
            errors: [{ messageId: "missingProvider", line: 2, message: /an instance of NotAComponent, which is not a resource/ }],
        },
    ],
});
