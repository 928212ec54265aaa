/**
 * Valid and invalid cases per plugin rule, in RuleTester's terms. `files` are written to disk beside
 * the linted file (which exists only as ESLint's text); `types` marks code that only typescript-eslint's
 * parser reads. Every suggestion is listed with its exact output, and `suggestions: []` says none
 * may be offered.
 */

export interface TableCase {
    name: string;
    code: string;
    files?: Record<string, string>;
    /** Relative to the case's project (default index.ts). */
    filename?: string;
    types?: boolean;
    errors?: unknown[];
}

export interface Table {
    valid: TableCase[];
    invalid: TableCase[];
}

const AWS = `import * as aws from "@pulumi/aws";\n`;
const PULUMI = `import * as pulumi from "@pulumi/pulumi";\n`;
const DEV = `const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });\n`;
const PROD = `const prod = new aws.Provider("prod", { assumeRoles: [{ roleArn: "arn:aws:iam::333333333333:role/Admin" }] });\n`;

/** A suggestion: what it adds and the whole file after it. */
function use(property: string, output: string) {
    return { messageId: "useProvider", data: { property }, output };
}

/** A component whose bucket takes its provider from it: (name, opts) or (name, args, opts). */
const SITE = `class Site extends pulumi.ComponentResource {
    constructor(name, opts) {
        super("x:web:Site", name, {}, opts);
        new aws.s3.Bucket(name, {}, { parent: this });
    }
}
`;
const TYPED_SITE = `class Site extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("x:web:Site", name, {}, opts);
        new aws.s3.Bucket(name, {}, { parent: this });
    }
}
`;
const SITE_FILE = {
    "site.ts":
        AWS +
        PULUMI +
        `export class Site extends pulumi.ComponentResource {
    constructor(name: string, args: { index: string }, opts?: pulumi.ComponentResourceOptions) {
        super("x:web:Site", name, args, opts);
        new aws.s3.Bucket(name, {}, { parent: this });
    }
}
`,
};

const requireResourceProvider: Table = {
    valid: [
        { name: "provider in view", code: `${AWS}${DEV}new aws.s3.Bucket("b", {}, { provider: dev });` },
        {
            name: "options imported from another file on disk",
            code: `${AWS}import { opts } from "./opts";\nnew aws.s3.Bucket("b", {}, opts);`,
            files: { "opts.ts": `${AWS}${DEV}export const opts = { provider: dev };\n` },
        },
        {
            name: "a helper whose only caller (in another file) passes a provider",
            code: `${AWS}export function mk(name, opts) { return new aws.sqs.Queue(name, {}, opts); }`,
            files: { "main.ts": `${AWS}${DEV}import { mk } from "./index";\nmk("a", { provider: dev });\n` },
        },
        { name: "a suppression comment with a reason", code: `${AWS}// guardrail-ignore-next-line require-resource-provider -- created with the management account on purpose\nnew aws.s3.Bucket("b");` },
        { name: "turned off in guardrail.config.json", code: `${AWS}new aws.s3.Bucket("b");`, files: { "guardrail.config.json": `{ "rules": { "require-resource-provider": "off" } }` } },
        { name: "excluded by guardrail.config.json", code: `${AWS}new aws.s3.Bucket("b");`, filename: "scripts/seed.ts", files: { "guardrail.config.json": `{ "exclude": ["scripts/**"] }` } },
        { name: "not a TypeScript file", code: `${AWS}new aws.s3.Bucket("b");`, filename: "index.js" },
        { name: "typed code", types: true, code: `${AWS}${PULUMI}const opts: pulumi.CustomResourceOptions = { provider: new aws.Provider("p", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] }) };\nnew aws.s3.Bucket("b", {}, opts);` },
    ],
    invalid: [
        { name: "no provider anywhere: no suggestion", code: `${AWS}new aws.s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 2, column: 1, endLine: 2, endColumn: 23, suggestions: [] }] },
        {
            name: "one suggestion per provider in scope, each adding the options argument",
            code: `${AWS}${DEV}${PROD}new aws.s3.Bucket("b");`,
            errors: [
                {
                    messageId: "missingProvider",
                    line: 4,
                    suggestions: [use("provider: dev", `${AWS}${DEV}${PROD}new aws.s3.Bucket("b", {}, { provider: dev });`), use("provider: prod", `${AWS}${DEV}${PROD}new aws.s3.Bucket("b", {}, { provider: prod });`)],
                },
            ],
        },
        {
            name: "merged into an options object",
            code: `${AWS}${DEV}new aws.s3.Bucket("b", {}, { protect: true });`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider: dev", `${AWS}${DEV}new aws.s3.Bucket("b", {}, { protect: true, provider: dev });`)] }],
        },
        {
            name: "an empty options object",
            code: `${AWS}${DEV}new aws.s3.Bucket("b", {}, {});`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider: dev", `${AWS}${DEV}new aws.s3.Bucket("b", {}, { provider: dev });`)] }],
        },
        {
            name: "provider: undefined is replaced",
            code: `${AWS}${DEV}new aws.s3.Bucket("b", {}, { provider: undefined, protect: true });`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider: dev", `${AWS}${DEV}new aws.s3.Bucket("b", {}, { provider: dev, protect: true });`)] }],
        },
        {
            name: "options in a variable are spread",
            code: `${AWS}${DEV}const opts = { protect: true };\nnew aws.s3.Bucket("b", {}, opts);`,
            errors: [{ messageId: "missingProvider", line: 4, suggestions: [use("provider: dev", `${AWS}${DEV}const opts = { protect: true };\nnew aws.s3.Bucket("b", {}, { ...opts, provider: dev });`)] }],
        },
        {
            name: "options undefined are replaced",
            code: `${AWS}${DEV}new aws.s3.Bucket("b", {}, undefined);`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider: dev", `${AWS}${DEV}new aws.s3.Bucket("b", {}, { provider: dev });`)] }],
        },
        {
            name: "a multi-line options object with a trailing comma",
            code: `${AWS}${DEV}new aws.s3.Bucket("b", {}, {\n    protect: true,\n});`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider: dev", `${AWS}${DEV}new aws.s3.Bucket("b", {}, {\n    protect: true,\n    provider: dev,\n});`)] }],
        },
        {
            name: "a multi-line options object without one",
            code: `${AWS}${DEV}new aws.s3.Bucket("b", {}, {\n    protect: true\n});`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider: dev", `${AWS}${DEV}new aws.s3.Bucket("b", {}, {\n    protect: true,\n    provider: dev\n});`)] }],
        },
        {
            name: "options cast to their type",
            types: true,
            code: `${AWS}${PULUMI}${DEV}new aws.s3.Bucket("b", {}, { protect: true } as pulumi.CustomResourceOptions);`,
            errors: [{ messageId: "missingProvider", line: 4, suggestions: [use("provider: dev", `${AWS}${PULUMI}${DEV}new aws.s3.Bucket("b", {}, { protect: true, provider: dev } as pulumi.CustomResourceOptions);`)] }],
        },
        {
            name: "a variable called provider is passed in shorthand",
            code: `${AWS}const provider = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });\nnew aws.s3.Bucket("b");`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider", `${AWS}const provider = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });\nnew aws.s3.Bucket("b", {}, { provider });`)] }],
        },
        {
            name: "a provider declared after the resource is not offered (it is not initialised yet)",
            code: `${AWS}new aws.s3.Bucket("b");\n${DEV}`,
            errors: [{ messageId: "missingProvider", line: 2, suggestions: [] }],
        },
        {
            name: "a provider declared after a function that runs later is offered",
            code: `${AWS}function mk() { return new aws.s3.Bucket("b"); }\n${DEV}mk();`,
            errors: [{ messageId: "missingProvider", line: 2, suggestions: [use("provider: dev", `${AWS}function mk() { return new aws.s3.Bucket("b", {}, { provider: dev }); }\n${DEV}mk();`)] }],
        },
        {
            name: "a provider parameter is offered by its type, innermost first",
            types: true,
            code: `${AWS}${DEV}function mk(p: aws.Provider) { return new aws.s3.Bucket("b"); }\nmk(dev);`,
            errors: [
                {
                    messageId: "missingProvider",
                    line: 3,
                    suggestions: [
                        use("provider: p", `${AWS}${DEV}function mk(p: aws.Provider) { return new aws.s3.Bucket("b", {}, { provider: p }); }\nmk(dev);`),
                        use("provider: dev", `${AWS}${DEV}function mk(p: aws.Provider) { return new aws.s3.Bucket("b", {}, { provider: dev }); }\nmk(dev);`),
                    ],
                },
            ],
        },
        {
            name: "an imported provider is offered",
            code: `${AWS}import { dev } from "./providers";\nnew aws.s3.Bucket("b");`,
            files: { "providers.ts": `${AWS}export ${DEV}` },
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider: dev", `${AWS}import { dev } from "./providers";\nnew aws.s3.Bucket("b", {}, { provider: dev });`)] }],
        },
        {
            name: "only a provider of another package in scope: none offered",
            code: `${AWS}import * as native from "@pulumi/aws-native";\nconst n = new native.Provider("n", { assumeRole: { roleArn: "arn:aws:iam::222222222222:role/Admin" } });\nnew aws.s3.Bucket("b");`,
            errors: [{ messageId: "missingProvider", line: 4, suggestions: [] }],
        },
        {
            name: "a variable that is a provider on one path only is not offered",
            code: `${AWS}${DEV}const maybe = process.env.X ? dev : undefined;\nnew aws.s3.Bucket("b");`,
            errors: [{ messageId: "missingProvider", line: 4, suggestions: [use("provider: dev", `${AWS}${DEV}const maybe = process.env.X ? dev : undefined;\nnew aws.s3.Bucket("b", {}, { provider: dev });`)] }],
        },
        {
            name: "a lookup takes its options fourth",
            code: `${AWS}${DEV}aws.ec2.Vpc.get("v", "vpc-1");`,
            errors: [{ messageId: "missingLookupProvider", line: 3, suggestions: [use("provider: dev", `${AWS}${DEV}aws.ec2.Vpc.get("v", "vpc-1", undefined, { provider: dev });`)] }],
        },
        {
            name: "a project subclass of an SDK resource takes them where its constructor does",
            code: `${AWS}${DEV}class Logs extends aws.s3.Bucket { constructor(name, opts) { super(name, { forceDestroy: true }, opts); } }\nnew Logs("l");`,
            errors: [{ messageId: "missingProvider", line: 4, suggestions: [use("provider: dev", `${AWS}${DEV}class Logs extends aws.s3.Bucket { constructor(name, opts) { super(name, { forceDestroy: true }, opts); } }\nnew Logs("l", { provider: dev });`)] }],
        },
        {
            name: "at a helper's call: no suggestion (the helper's parameters are its own)",
            code: `${AWS}${DEV}function mk(name, opts) { return new aws.sqs.Queue(name, {}, opts); }\nmk("a");`,
            errors: [{ messageId: "viaCall", line: 4, column: 1, suggestions: [] }],
        },
        { name: "providers on a custom resource: no suggestion", code: `${AWS}${DEV}new aws.s3.Bucket("b", {}, { providers: [dev] });`, errors: [{ messageId: "providersOnCustom", line: 3, suggestions: [] }] },
        {
            name: "a suppression without a reason suppresses nothing",
            code: `${AWS}// guardrail-ignore-next-line require-resource-provider\nnew aws.s3.Bucket("b");`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [] }],
        },
        { name: "an .mts file", code: `${AWS}new aws.s3.Bucket("b");`, filename: "index.mts", errors: [{ messageId: "missingProvider", line: 2, suggestions: [] }] },
        { name: "a .cts file", code: `${AWS}new aws.s3.Bucket("b");`, filename: "index.cts", errors: [{ messageId: "missingProvider", line: 2, suggestions: [] }] },
        {
            name: "a guardrail.config.json that does not validate is reported, not ignored",
            code: `${AWS}new aws.s3.Bucket("b");`,
            files: { "guardrail.config.json": `{ "rulez": {} }` },
            errors: [{ line: 1, column: 1, message: /^guardrail could not check this file: invalid guardrail configuration in guardrail\.config\.json:\n {2}- \(top level\): unknown key "rulez"/ }],
        },
    ],
};

const requireInvokeProvider: Table = {
    valid: [
        { name: "provider passed", code: `${AWS}${DEV}aws.getCallerIdentityOutput({}, { provider: dev });` },
        {
            name: "allow-listed in guardrail.config.json",
            code: `${AWS}aws.getCallerIdentityOutput();`,
            files: { "guardrail.config.json": `{ "allowDefaultProviderInvokes": ["aws:index/getCallerIdentity:getCallerIdentity"] }` },
        },
        {
            name: "allow-listed under the guardrail key of package.json",
            code: `${AWS}aws.getPartitionOutput();`,
            files: { "package.json": `{ "name": "app", "guardrail": { "allowDefaultProviderInvokes": ["aws:index/getPartition:getPartition"] } }` },
        },
    ],
    invalid: [
        {
            name: "no arguments: args and options added",
            code: `${AWS}${DEV}export const me = aws.getCallerIdentityOutput();`,
            errors: [{ messageId: "missingProvider", line: 3, column: 19, suggestions: [use("provider: dev", `${AWS}${DEV}export const me = aws.getCallerIdentityOutput({}, { provider: dev });`)] }],
        },
        {
            name: "args given: options added",
            code: `${AWS}${DEV}aws.getRegion({});`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider: dev", `${AWS}${DEV}aws.getRegion({}, { provider: dev });`)] }],
        },
        {
            name: "options without provider: merged",
            code: `${AWS}${DEV}aws.ec2.getVpc({ default: true }, { parent: undefined });`,
            errors: [{ messageId: "missingProvider", line: 3, suggestions: [use("provider: dev", `${AWS}${DEV}aws.ec2.getVpc({ default: true }, { parent: undefined, provider: dev });`)] }],
        },
        { name: "no provider in scope", code: `${AWS}aws.getRegionOutput();`, errors: [{ messageId: "missingProvider", line: 2, suggestions: [] }] },
        {
            name: "another invoke is allow-listed, this one is not",
            code: `${AWS}aws.getRegionOutput();`,
            files: { "guardrail.config.json": `{ "allowDefaultProviderInvokes": ["aws:index/getPartition:getPartition"] }` },
            errors: [{ messageId: "missingProvider", line: 2, suggestions: [] }],
        },
    ],
};

const requireComponentProvider: Table = {
    valid: [
        { name: "component given providers", code: `${AWS}${PULUMI}${DEV}${SITE}new Site("s", { providers: [dev] });` },
        { name: "component given provider", code: `${AWS}${PULUMI}${DEV}${SITE}new Site("s", { provider: dev });` },
        { name: "component from another file given one", code: `${AWS}import { Site } from "./site";\n${DEV}new Site("s", { index: "1" }, { providers: { aws: dev } });`, files: SITE_FILE },
    ],
    invalid: [
        {
            name: "component (name, opts) given nothing",
            code: `${AWS}${PULUMI}${DEV}${SITE}new Site("s");`,
            errors: [{ messageId: "missingProviders", line: 10, suggestions: [use("provider: dev", `${AWS}${PULUMI}${DEV}${SITE}new Site("s", { provider: dev });`)] }],
        },
        {
            name: "component (name, args, opts) from another file: options added third",
            code: `${AWS}import { Site } from "./site";\n${DEV}new Site("s", { index: "1" });`,
            files: SITE_FILE,
            errors: [{ messageId: "missingProviders", line: 4, suggestions: [use("provider: dev", `${AWS}import { Site } from "./site";\n${DEV}new Site("s", { index: "1" }, { provider: dev });`)] }],
        },
        {
            name: "component given empty options",
            code: `${AWS}import { Site } from "./site";\n${DEV}new Site("s", { index: "1" }, {});`,
            files: SITE_FILE,
            errors: [{ messageId: "missingProviders", line: 4, suggestions: [use("provider: dev", `${AWS}import { Site } from "./site";\n${DEV}new Site("s", { index: "1" }, { provider: dev });`)] }],
        },
        {
            name: "a subclass without its own constructor takes them where its base does",
            types: true,
            code: `${AWS}${PULUMI}${TYPED_SITE}class Blog extends Site {}\n${DEV}new Blog("s");`,
            errors: [{ messageId: "missingProviders", line: 11, suggestions: [use("provider: dev", `${AWS}${PULUMI}${TYPED_SITE}class Blog extends Site {}\n${DEV}new Blog("s", { provider: dev });`)] }],
        },
        {
            name: "an SDK component (awsx)",
            code: `${AWS}import * as awsx from "@pulumi/awsx";\n${DEV}new awsx.ec2.Vpc("v");`,
            errors: [{ messageId: "sdkComponent", line: 4, suggestions: [use("provider: dev", `${AWS}import * as awsx from "@pulumi/awsx";\n${DEV}new awsx.ec2.Vpc("v", {}, { provider: dev });`)] }],
        },
        {
            name: "a mixin of an SDK resource",
            code: `${AWS}${DEV}const b = new aws.s3.Bucket("b");\nb.onObjectCreated("x", async () => {});`,
            errors: [{ messageId: "sdkComponent", line: 4, suggestions: [use("provider: dev", `${AWS}${DEV}const b = new aws.s3.Bucket("b");\nb.onObjectCreated("x", async () => {}, undefined, { provider: dev });`)] }],
        },
        { name: "no provider in scope", code: `${AWS}${PULUMI}${SITE}new Site("s");`, errors: [{ messageId: "missingProviders", line: 9, suggestions: [] }] },
    ],
};

const requireProviderAssumeRole: Table = {
    valid: [{ name: "assumes a role", code: `${AWS}${DEV}` }],
    invalid: [
        { name: "no role", code: `${AWS}new aws.Provider("p", { region: "us-east-1" });`, errors: [{ messageId: "noAssumeRole", line: 2 }] },
        { name: "through a helper", code: `${AWS}function mk(args) { return new aws.Provider("p", args); }\nmk({ region: "us-east-1" });`, errors: [{ messageId: "viaCall", line: 3 }] },
    ],
};

const componentForwardsOptions: Table = {
    valid: [{ name: "options passed fourth", code: `${AWS}${PULUMI}${SITE}` }],
    invalid: [
        { name: "options passed as args", code: `${PULUMI}class C extends pulumi.ComponentResource { constructor(name, args, opts) { super("x:y:C", name, opts); } }`, errors: [{ messageId: "asArgs", line: 2 }] },
        { name: "options dropped", code: `${PULUMI}class C extends pulumi.ComponentResource { constructor(name, args, opts) { super("x:y:C", name, args); } }`, errors: [{ messageId: "dropped", line: 2 }] },
    ],
};

const unverifiableOptions: Table = {
    valid: [{ name: "options in view", code: `${AWS}${DEV}new aws.s3.Bucket("b", {}, { provider: dev });` }],
    invalid: [
        {
            name: "options from a call the linter cannot follow",
            code: `${AWS}new aws.s3.Bucket("b", {}, JSON.parse("{}"));`,
            errors: [{ messageId: "cannotVerify", line: 2, data: { rule: "require-resource-provider", claim: "new aws.s3.Bucket(...) gets a provider", why: "they come from a call (JSON.parse(...))" } }],
        },
    ],
};

const invalidSuppression: Table = {
    valid: [{ name: "with a reason", code: `${AWS}// guardrail-ignore-next-line require-resource-provider -- bootstrap only\nnew aws.s3.Bucket("b");` }],
    invalid: [
        { name: "no reason", code: `${AWS}// guardrail-ignore-next-line require-resource-provider\nnew aws.s3.Bucket("b");`, errors: [{ messageId: "invalid", line: 2, column: 1, data: { why: "gives no reason (write `-- <why this is safe>`)" } }] },
        { name: "unknown rule", code: `${AWS}// guardrail-ignore-line require-everything -- why\nnew aws.s3.Bucket("b");`, errors: [{ messageId: "invalid", line: 2, data: { why: "names an unknown rule (require-everything)" } }] },
    ],
};

const unusedSuppression: Table = {
    valid: [{ name: "used", code: `${AWS}new aws.s3.Bucket("b"); // guardrail-ignore-line require-resource-provider -- bootstrap only` }],
    invalid: [{ name: "nothing to suppress", code: `${AWS}${DEV}// guardrail-ignore-next-line require-resource-provider -- bootstrap only\nnew aws.s3.Bucket("b", {}, { provider: dev });`, errors: [{ messageId: "unused", line: 3 }] }],
};

/** ESLint's parser fails first on what TypeScript cannot parse; rules.test.ts drives parse-error through a lenient parser. */
const parseError: Table = {
    valid: [{ name: "parses", code: `${AWS}${DEV}` }],
    invalid: [],
};

export const TABLES: Record<string, Table> = {
    "require-resource-provider": requireResourceProvider,
    "require-invoke-provider": requireInvokeProvider,
    "require-component-provider": requireComponentProvider,
    "require-provider-assume-role": requireProviderAssumeRole,
    "component-forwards-options": componentForwardsOptions,
    "unverifiable-options": unverifiableOptions,
    "parse-error": parseError,
    "invalid-suppression": invalidSuppression,
    "unused-suppression": unusedSuppression,
};
