import { requireComponentProvider } from "../../../linter/src/rules/require-component-provider";
import { ruleTester } from "../rule-tester";

const site = `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
export class Site extends pulumi.ComponentResource {
    constructor(name: string, args: {}, opts?: pulumi.ComponentResourceOptions) {
        super("acme:web:Site", name, args, opts);
        new aws.s3.Bucket(name, {}, { parent: this });
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

ruleTester(requireComponentProvider, {
    valid: [
        { name: "providers array", code: `import { Site } from "./site"; declare const p: any;\nnew Site("s", {}, { providers: [p] });`, files: { "site.ts": site } },
        { name: "providers map", code: `import { Site } from "./site"; declare const p: any;\nnew Site("s", {}, { providers: { aws: p } });`, files: { "site.ts": site } },
        { name: "provider", code: `import { Site } from "./site"; declare const p: any;\nnew Site("s", {}, { provider: p });`, files: { "site.ts": site } },
        { name: "options through a const", code: `import { Site } from "./site"; declare const p: any;\nconst opts = { providers: [p] };\nnew Site("s", {}, opts);`, files: { "site.ts": site } },
        { name: "component whose children bring their own provider", code: `import { Own } from "./own"; declare const p: any;\nnew Own("o", { provider: p });`, files: { "own.ts": selfSufficient } },
        { name: "nested component with parent: this inside a component", code: site + `export class Outer extends pulumi.ComponentResource { constructor(n: string) { super("acme:Outer", n); new Site("inner", {}, { parent: this }); } }` },
        { name: "a plain class is not a component", code: `import * as aws from "@pulumi/aws";\nclass Plain { constructor() {} }\nnew Plain();` },
    ],
    invalid: [
        { name: "no options", code: `import { Site } from "./site";\nnew Site("s", {});`, files: { "site.ts": site }, errors: [{ messageId: "missingProviders", line: 2, message: /new Site\(\.\.\.\) is given no provider, but its AWS resources rely on `parent: this`/ }] },
        { name: "options without provider(s)", code: `import { Site } from "./site";\nnew Site("s", {}, { protect: true });`, files: { "site.ts": site }, errors: [{ messageId: "missingProviders", line: 2 }] },
        {
            name: "component through another component (subclass)",
            code: `import { Site } from "./site";\nclass Blog extends Site {}\nnew Blog("b", {});`,
            files: { "site.ts": site },
            errors: [{ messageId: "missingProviders", line: 3 }],
        },
        {
            name: "outer component whose inner component relies on parent",
            code: site + `class Outer extends pulumi.ComponentResource { constructor(n: string) { super("acme:Outer", n); new Site("inner", {}, { parent: this }); } }\nnew Outer("o");`,
            errors: [{ messageId: "missingProviders", line: 10, message: /new Outer/ }],
        },
        {
            name: "children relying on parent via an options const inside the component",
            code: `import * as pulumi from "@pulumi/pulumi"; import * as aws from "@pulumi/aws";
class Q extends pulumi.ComponentResource { constructor(n: string) { super("acme:Q", n); const childOpts = { parent: this }; new aws.sqs.Queue(n, {}, childOpts); } }
new Q("q");`,
            errors: [{ messageId: "missingProviders", line: 3 }],
        },
        {
            name: "component via named import with ComponentResource imported by name",
            code: `import { ComponentResource } from "@pulumi/pulumi"; import { sqs } from "@pulumi/aws";
class Q extends ComponentResource { constructor(n: string) { super("acme:Q", n); sqs.getQueueOutput({ name: "x" }, { parent: this }); } }
export const q = new Q("q");`,
            errors: [{ messageId: "missingProviders", line: 3 }],
        },
        { name: "unverifiable options", code: `import { Site } from "./site"; declare function o(): object;\nnew Site("s", {}, o());`, files: { "site.ts": site }, errors: [{ messageId: "unverifiable", line: 2 }] },
    ],
});
