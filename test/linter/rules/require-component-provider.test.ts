import { requireComponentProvider } from "../../../linter/src/rules/require-component-provider";
import { ruleTester } from "../rule-tester";

const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const p = new aws.Provider("p", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });
`;
const site = `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
export class Site extends pulumi.ComponentResource {
    constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
        super("acme:web:Site", name, args, opts);
        new aws.s3.Bucket(name, {}, { parent: this });
    }
}
`;
/** A component whose constructor takes options second: `(name, opts)`. */
const twoArgs = `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
export class Queue extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("acme:Queue", name, {}, opts);
        new aws.sqs.Queue(name, {}, { parent: this });
    }
}
`;
const selfSufficient = `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
export class Own extends pulumi.ComponentResource {
    constructor(name: string, args: { provider: aws.Provider }, opts?: pulumi.ComponentResourceOptions) {
        super("acme:web:Own", name, args, opts);
        new aws.s3.Bucket(name, {}, { parent: this, provider: args.provider });
    }
}
`;
const files = { "site.ts": site, "queue.ts": twoArgs, "own.ts": selfSufficient };

ruleTester(requireComponentProvider, {
    valid: [
        { name: "providers array", code: `${P}import { Site } from "./site";\nnew Site("s", {}, { providers: [p] });`, files },
        { name: "providers map", code: `${P}import { Site } from "./site";\nnew Site("s", {}, { providers: { aws: p } });`, files },
        { name: "provider", code: `${P}import { Site } from "./site";\nnew Site("s", {}, { provider: p });`, files },
        { name: "options second: new Queue(name, { provider })", code: `${P}import { Queue } from "./queue";\nnew Queue("q", { provider: p });`, files },
        { name: "options through a const", code: `${P}import { Site } from "./site";\nconst opts = { providers: [p] };\nnew Site("s", {}, opts);`, files },
        { name: "component whose children bring their own provider", code: `${P}import { Own } from "./own";\nnew Own("o", { provider: p });`, files },
        {
            name: "nested component inside a component given a provider",
            code: `${P}import { Site } from "./site";\nclass Outer extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("acme:Outer", n, {}, opts); new Site("inner", {}, { parent: this }); } }\nnew Outer("o", { providers: [p] });`,
            files,
        },
        { name: "subclass without a constructor of its own", code: `${P}import { Site } from "./site";\nclass Blog extends Site {}\nnew Blog("b", {}, { providers: [p] });`, files },
        {
            name: "parent: this handed from a component into a helper",
            code: `${P}const bucketIn = (parent: pulumi.Resource, name: string) => new aws.s3.Bucket(name, {}, { parent });\nclass C extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("acme:C", n, {}, opts); bucketIn(this, n); } }\nnew C("c", { providers: [p] });`,
        },
        { name: "a project subclass of an SDK component given a provider", code: `${P}import * as awsx from "@pulumi/awsx";\nclass Network extends awsx.ec2.Vpc { constructor(name: string, opts?: pulumi.ComponentResourceOptions) { super(name, {}, opts); } }\nnew Network("n", { providers: [p] });` },
        { name: "an awsx component given an aws provider", code: `${P}import * as awsx from "@pulumi/awsx";\nnew awsx.ec2.Vpc("v", {}, { providers: [p] });` },
        { name: "bucket.onObjectCreated on a bucket with a provider", code: `${P}const b = new aws.s3.Bucket("b", {}, { provider: p });\nb.onObjectCreated("new", async () => {});` },
        { name: "aws.cloudwatch.onSchedule with a provider", code: `${P}aws.cloudwatch.onSchedule("tick", "rate(1 hour)", async () => {}, {}, { provider: p });` },
        { name: "a plain class is not a component", code: `import * as aws from "@pulumi/aws";\nclass Plain { constructor() {} }\nnew Plain();` },
    ],
    invalid: [
        {
            name: "a component that spreads its options, providers included, into a custom resource",
            code: `${P}class C extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("x:y:C", n, {}, opts);\nnew aws.s3.Bucket(n, {}, { ...opts, parent: this }); } }\nnew C("c", { providers: [p] });`,
            errors: [{ messageId: "providersOnChild", line: 4, message: /is given the `providers` of new C\(\.\.\.\)/ }],
        },
        { name: "no options", code: `import { Site } from "./site";\nnew Site("s", {});`, files, errors: [{ messageId: "missingProviders", line: 2, message: /new Site\(\.\.\.\) is given no aws provider, but new aws\.s3\.Bucket\(\.\.\.\) \(.*site\.ts:6\) takes its provider from it/ }] },
        { name: "options without provider(s)", code: `import { Site } from "./site";\nnew Site("s", {}, { protect: true });`, files, errors: [{ messageId: "missingProviders", line: 2 }] },
        { name: "options second, none passed", code: `import { Queue } from "./queue";\nnew Queue("q");`, files, errors: [{ messageId: "missingProviders", line: 2 }] },
        { name: "providers: {} is no provider", code: `import { Site } from "./site";\nnew Site("s", {}, { providers: {} });`, files, errors: [{ messageId: "missingProviders", line: 2 }] },
        { name: "providers: [] is no provider", code: `import { Site } from "./site";\nnew Site("s", {}, { providers: [] });`, files, errors: [{ messageId: "missingProviders", line: 2 }] },
        { name: "an aws-native provider does not reach aws children", code: `import * as native from "@pulumi/aws-native"; import { Site } from "./site"; declare const n: native.Provider;\nnew Site("s", {}, { providers: [n] });`, files, errors: [{ messageId: "missingProviders", line: 2 }] },
        { name: "component through another component (subclass)", code: `import { Site } from "./site";\nclass Blog extends Site {}\nnew Blog("b", {});`, files, errors: [{ messageId: "missingProviders", line: 3 }] },
        {
            name: "outer component whose inner component relies on parent",
            code: `import * as pulumi from "@pulumi/pulumi"; import { Site } from "./site";\nclass Outer extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("acme:Outer", n, {}, opts); new Site("inner", {}, { parent: this }); } }\nnew Outer("o");`,
            files,
            errors: [{ messageId: "missingProviders", line: 3, message: /new Outer/ }],
        },
        {
            name: "children relying on parent via an options const inside the component",
            code: `import * as pulumi from "@pulumi/pulumi"; import * as aws from "@pulumi/aws";
class Q extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("acme:Q", n, {}, opts); const childOpts = { parent: this }; new aws.sqs.Queue(n, {}, childOpts); } }
new Q("q");`,
            errors: [{ messageId: "missingProviders", line: 3 }],
        },
        {
            name: "an invoke inside a component",
            code: `import { ComponentResource, ComponentResourceOptions } from "@pulumi/pulumi"; import { sqs } from "@pulumi/aws";
class Q extends ComponentResource { constructor(n: string, opts?: ComponentResourceOptions) { super("acme:Q", n, {}, opts); sqs.getQueueOutput({ name: "x" }, { parent: this }); } }
export const q = new Q("q");`,
            errors: [{ messageId: "missingProviders", line: 3 }],
        },
        {
            name: "parent: this handed into a helper, component built without a provider",
            code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nconst bucketIn = (parent: pulumi.Resource, name: string) => new aws.s3.Bucket(name, {}, { parent });\nclass C extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("acme:C", n, {}, opts); bucketIn(this, n); } }\nnew C("c");`,
            errors: [{ messageId: "missingProviders", line: 4 }],
        },
        { name: "an awsx component without a provider", code: `import * as awsx from "@pulumi/awsx";\nnew awsx.ec2.Vpc("v");`, errors: [{ messageId: "sdkComponent", line: 2, message: /new awsx\.ec2\.Vpc\(\.\.\.\) is given no aws provider/ }] },
        { name: "an awsx component given only an aws-native provider", code: `import * as awsx from "@pulumi/awsx"; import * as native from "@pulumi/aws-native"; declare const n: native.Provider;\nnew awsx.ec2.Vpc("v", {}, { provider: n });`, errors: [{ messageId: "sdkComponent", line: 2 }] },
        { name: "a project subclass of an SDK component without a provider", code: `import * as awsx from "@pulumi/awsx"; import * as pulumi from "@pulumi/pulumi";\nclass Network extends awsx.ec2.Vpc { constructor(name: string, opts?: pulumi.ComponentResourceOptions) { super(name, { numberOfAvailabilityZones: 2 }, opts); } }\nnew Network("n");`, errors: [{ messageId: "sdkComponent", line: 3 }] },
        { name: "onSchedule without a provider", code: `import * as aws from "@pulumi/aws";\naws.cloudwatch.onSchedule("tick", "rate(1 hour)", async () => {});`, errors: [{ messageId: "sdkComponent", line: 2 }] },
        {
            name: "onObjectCreated on a bucket without a provider, even with a provider-bound handler function",
            code: `${P}const b = new aws.s3.Bucket("b");\nconst fn = new aws.lambda.Function("f", { role: "r" }, { provider: p });\nb.onObjectCreated("new", fn);`,
            errors: [{ messageId: "sdkComponent", line: 5, message: /b\.onObjectCreated\(\.\.\.\)/ }],
        },
        { name: "unverifiable options", code: `import { Site } from "./site"; declare function o(): object;\nnew Site("s", {}, o());`, files, errors: [{ messageId: "unverifiable", line: 2 }] },
    ],
});
