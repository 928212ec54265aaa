import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * Functions handed to a project function, which calls them with a provider or options:
 * `forEachAccount((provider) => ...)`, `inAccount(dev, (opts) => ...)`, `forEachAccount(deploy)`. The callback's parameters
 * are what the receiving function passes where it calls it, while it runs for the one call the
 * callback was handed to (callback-sites.ts); a callback was once "an anonymous function whose
 * callers cannot be listed", so every such resource was a warning and a helper that hands on no
 * provider was never an error. A receiving function that stores the callback, hands it on or
 * never calls it leaves it unverifiable. Runtime agreement: test/fixtures/agreement/callbacks
 * (`each-account-good`, `in-account-good`, `unprotected-bad`, `unprotected-given-good`).
 */
const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });
const prod = new aws.Provider("prod", { assumeRoles: [{ roleArn: "arn:aws:iam::333333333333:role/Admin" }] });
function forEachAccount(deploy: (provider: aws.Provider, name: string) => void) { deploy(dev, "dev"); deploy(prod, "prod"); }
function withOptions<T>(opts: pulumi.CustomResourceOptions, build: (opts: pulumi.CustomResourceOptions) => T): T { return build(opts); }
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "a callback handed each account's provider", code: `${P}forEachAccount((provider, name) => new aws.s3.Bucket(name, {}, { provider }));` },
        { name: "a callback handed options that carry a provider", code: `${P}withOptions({ provider: dev }, (opts) => new aws.sqs.Queue("q", {}, opts));` },
        { name: "a callback that adds a provider to the options it is handed", code: `${P}withOptions({ protect: true }, (opts) => new aws.sqs.Queue("q", {}, { ...opts, provider: prod }));` },
        { name: "a function expression as the callback", code: `${P}forEachAccount(function (provider) { new aws.sns.Topic("t", {}, { provider }); });` },
        { name: "called in a loop over providers in view", code: `${P}function everywhere(build: (p: aws.Provider) => void) { for (const p of [dev, prod]) { build(p); } }\neverywhere((p) => new aws.s3.Bucket("b", {}, { provider: p }));` },
        { name: "called with optional chaining", code: `${P}function maybe(build?: (p: aws.Provider) => void) { build?.(dev); }\nmaybe((p) => new aws.s3.Bucket("b", {}, { provider: p }));` },
        { name: "handed to a constructor that calls it", code: `${P}class Deployer { constructor(p: aws.Provider, build: (opts: pulumi.CustomResourceOptions) => void) { build({ provider: p }); } }\nnew Deployer(dev, (opts) => new aws.s3.Bucket("b", {}, opts));` },
        { name: "the receiving function's own parameter decides, per call", code: `${P}function inAccount(p: aws.Provider, build: (opts: pulumi.CustomResourceOptions) => void) { build({ provider: p }); }\ninAccount(dev, (opts) => new aws.s3.Bucket("a", {}, opts));\ninAccount(prod, (opts) => new aws.s3.Bucket("b", {}, opts));` },
        { name: "a named function handed as the callback", code: `${P}function deploy(provider: aws.Provider) { new aws.s3.Bucket("b", {}, { provider }); }\nforEachAccount(deploy);` },
        { name: "a named function called directly and handed as a callback", code: `${P}const make = (opts: pulumi.CustomResourceOptions) => new aws.sqs.Queue("q", {}, opts);\nmake({ provider: dev });\nwithOptions({ provider: prod }, make);` },
        { name: "a method of a project class that hands each provider to the callback", code: `${P}class Org { private readonly all = [dev, prod]; each(fn: (p: aws.Provider) => void) { for (const p of this.all) { fn(p); } } }\nconst org = new Org();\norg.each((p) => new aws.s3.Bucket("b", {}, { provider: p }));` },
        { name: "a method inherited from a base class", code: `${P}class Base { each(fn: (p: aws.Provider) => void) { fn(dev); } }\nclass Org extends Base {}\nnew Org().each((p) => new aws.s3.Bucket("b", {}, { provider: p }));` },
        { name: "a lookup in the callback", code: `${P}withOptions({ provider: dev }, (opts) => aws.s3.Bucket.get("b", "id", {}, opts));` },
    ],
    invalid: [
        {
            name: "a helper that hands its callback options without a provider: reported at the call",
            code: `${P}function unprotected(build: (opts: pulumi.CustomResourceOptions) => void) { build({ protect: false }); }\nunprotected((opts) => new aws.sns.Topic("t", {}, opts));`,
            errors: [{ messageId: "viaCall", line: 7, message: /unprotected\(\.\.\.\) gives no provider to new aws\.sns\.Topic\(\.\.\.\)/ }],
        },
        {
            name: "a callback that ignores the provider it is handed",
            code: `${P}forEachAccount((_provider, name) => new aws.s3.Bucket(name));`,
            errors: [{ messageId: "missingProvider", line: 6 }],
        },
        {
            name: "two callbacks handed to one helper: each is judged by its own call",
            code: `${P}withOptions({ provider: dev }, (opts) => new aws.sqs.Queue("a", {}, opts));\nwithOptions({}, (opts) => new aws.sqs.Queue("b", {}, opts));`,
            // Only the second callback's queue: not the first one's, as if it were called with these options too.
            errors: [{ messageId: "viaCall", line: 7, message: /^withOptions\(\.\.\.\) gives no provider to new aws\.sqs\.Queue\(\.\.\.\) \([^)]*index\.ts:7\), which would run with the management account's credentials; pass/ }],
        },
        {
            name: "a callback from another file, handed to a helper that gives no provider",
            code: `import * as aws from "@pulumi/aws"; import { bare } from "./helpers";\nbare((opts) => new aws.s3.Bucket("b", {}, opts));`,
            files: { "helpers.ts": `import * as pulumi from "@pulumi/pulumi";\nexport function bare(build: (opts: pulumi.CustomResourceOptions) => void) { build({}); }` },
            errors: [{ messageId: "viaCall", line: 2 }],
        },
        {
            name: "a named function handed to a helper that gives no provider: reported at the call that hands it",
            code: `${P}function make(opts: pulumi.CustomResourceOptions) { return new aws.sqs.Queue("q", {}, opts); }\nmake({ provider: dev });\nwithOptions({ protect: true }, make);`,
            errors: [{ messageId: "viaCall", line: 8, message: /withOptions\(\.\.\.\) gives no provider to new aws\.sqs\.Queue/ }],
        },
        {
            name: "a named function handed to a helper that hands it on: unverifiable",
            code: `${P}declare function register(f: unknown): void;\nfunction later(build: (opts: pulumi.CustomResourceOptions) => void) { register(build); }\nfunction deploy(opts: pulumi.CustomResourceOptions) { new aws.s3.Bucket("b", {}, opts); }\nlater(deploy);`,
            errors: [{ messageId: "unverifiable", line: 8, message: /"deploy" is handed to a function that cannot be followed: the function it is handed to \(later\(\)\) passes "build" on as a value/ }],
        },
        {
            name: "a method that hands its callback no provider: reported at the call",
            code: `${P}class Org { each(fn: (opts: pulumi.CustomResourceOptions) => void) { fn({ protect: true }); } }\nconst org = new Org();\norg.each((opts) => new aws.s3.Bucket("b", {}, opts));`,
            errors: [{ messageId: "viaCall", line: 8, message: /org\.each\(\.\.\.\) gives no provider to new aws\.s3\.Bucket/ }],
        },
        {
            name: "a method overridden by a subclass the receiver may be: unverifiable",
            code: `${P}class Base { each(fn: (opts: pulumi.CustomResourceOptions) => void) { fn({ provider: dev }); } }\nclass Bare extends Base { each(fn: (opts: pulumi.CustomResourceOptions) => void) { fn({}); } }\ndeclare const flag: boolean;\nconst org = flag ? new Base() : new Bare();\norg.each((opts) => new aws.s3.Bucket("b", {}, opts));`,
            errors: [{ messageId: "unverifiable", line: 10 }],
        },
        {
            name: "a helper that hands the callback on: unverifiable",
            code: `${P}declare function register(f: unknown): void;\nfunction later(build: (p: aws.Provider) => void) { register(build); }\nlater((p) => new aws.s3.Bucket("b", {}, { provider: p }));`,
            errors: [{ messageId: "unverifiable", line: 8, message: /later\(\)\) passes "build" on as a value/ }],
        },
        {
            name: "a helper that never calls the callback: unverifiable",
            code: `${P}function ignore(build: (p: aws.Provider) => void) { return 1; }\nignore((p) => new aws.s3.Bucket("b", {}, { provider: p }));`,
            errors: [{ messageId: "unverifiable", line: 7, message: /ignore\(\)\) never calls "build"/ }],
        },
        {
            name: "a helper that reads the callback as a value: unverifiable",
            code: `${P}function check(build: (p: aws.Provider) => void) { return build === undefined; }\ncheck((p) => new aws.s3.Bucket("b", {}, { provider: p }));`,
            errors: [{ messageId: "unverifiable", line: 7, message: /passes "build" on as a value/ }],
        },
        {
            name: "a helper that keeps the callback without calling it: unverifiable",
            code: `${P}function keep(build: (p: aws.Provider) => void) { const list = [build]; return list.length; }\nkeep((p) => new aws.s3.Bucket("b", {}, { provider: p }));`,
            errors: [{ messageId: "unverifiable", line: 7, message: /passes "build" on as a value/ }],
        },
        {
            name: "a spread argument before the callback: unverifiable",
            code: `${P}const first: [aws.Provider] = [dev];\nfunction both(p: aws.Provider, build: (p: aws.Provider) => void) { build(p); }\nboth(...first, (p) => new aws.s3.Bucket("b", {}, { provider: p }));`,
            errors: [{ messageId: "unverifiable", line: 8, message: /a spread argument before it/ }],
        },
    ],
});
