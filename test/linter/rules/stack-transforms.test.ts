import { requireInvokeProvider } from "../../../linter/src/rules/require-invoke-provider";
import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * A stack transformation that writes a provider into every resource's options gives the resources
 * created after it one: the SDK applies it in each resource's constructor (runtime/stack.js,
 * resource.js), the engine at registration for registerResourceTransform. Invokes are not
 * transformed. Runtime agreement: test/fixtures/agreement/transformations.
 */
const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] });
`;
const ADD = `pulumi.runtime.registerStackTransformation((args) => ({ props: args.props, opts: pulumi.mergeOptions(args.opts, { provider: dev }) }));`;
const other = (register: string) => ({ "setup.ts": `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nconst dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] });\n${register}\n` });

ruleTester(requireResourceProvider, {
    valid: [
        { name: "created after a transformation that sets the provider", code: `${P}${ADD}\nnew aws.s3.Bucket("b");` },
        { name: "registerResourceTransform with a spread of the options", code: `${P}pulumi.runtime.registerResourceTransform((args) => ({ props: args.props, opts: { ...args.opts, provider: dev } }));\nnew aws.s3.Bucket("b");` },
        { name: "registerResourceTransform also reaches resources created before it (their registrations wait for it)", code: `${P}new aws.s3.Bucket("b");\npulumi.runtime.registerResourceTransform((args) => ({ props: args.props, opts: { ...args.opts, provider: dev } }));` },
        { name: "registerResourceTransform in another module of the program", code: `${P}import "./setup";\nnew aws.s3.Bucket("b");`, files: other(`pulumi.runtime.registerResourceTransform((args) => ({ props: args.props, opts: { ...args.opts, provider: dev } }));`) },
        {
            name: "a transform that leaves providers alone (a provider's own registration would wait for itself)",
            code: `${P}pulumi.runtime.registerResourceTransform((args) => (args.type.startsWith("pulumi:providers:") ? undefined : { props: args.props, opts: { ...args.opts, provider: dev } }));\nnew aws.s3.Bucket("b");`,
        },
        {
            name: "a transformation for the package's resources, with an if",
            code: `${P}pulumi.runtime.registerStackTransformation((args) => {\n    if (!args.type.startsWith("aws:")) {\n        return undefined;\n    }\n    return { props: args.props, opts: pulumi.mergeOptions(args.opts, { provider: dev }) };\n});\nnew aws.s3.Bucket("b");`,
        },
        {
            name: "registered first thing in an async entry point, for what it creates after",
            code: `${P}export = async () => {\n    pulumi.runtime.registerResourceTransform((args) => (args.type.startsWith("pulumi:providers:") ? undefined : { props: args.props, opts: { ...args.opts, provider: dev } }));\n    await Promise.resolve();\n    new aws.s3.Bucket("b");\n};`,
        },
        { name: "a named transformation function", code: `${P}function addProvider(args: pulumi.ResourceTransformationArgs): pulumi.ResourceTransformationResult {\n    return { props: args.props, opts: pulumi.mergeOptions(args.opts, { provider: dev }) };\n}\npulumi.runtime.registerStackTransformation(addProvider);\nnew aws.s3.Bucket("b");` },
        { name: "a helper written after the registration", code: `${P}${ADD}\nconst bucket = (name: string) => new aws.s3.Bucket(name);\nbucket("b");` },
        { name: "a component's child created after it", code: `${P}${ADD}\nclass Site extends pulumi.ComponentResource { constructor(n: string) { super("x:y:Site", n); new aws.s3.Bucket(n, {}, { parent: this }); } }\nnew Site("s");` },
    ],
    invalid: [
        { name: "created before the transformation", code: `${P}new aws.s3.Bucket("b");\n${ADD}`, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "a transformation that only sets tags", code: `${P}pulumi.runtime.registerStackTransformation((args) => ({ props: { ...args.props, tags: { team: "web" } }, opts: args.opts }));\nnew aws.s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "a transformation that sets an aws provider does not give aws-native one", code: `import * as native from "@pulumi/aws-native";\n${P}${ADD}\nnew native.s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 5 }] },
        {
            name: "a transformation for another package's resources",
            code: `import * as native from "@pulumi/aws-native";\n${P}pulumi.runtime.registerStackTransformation((args) => (args.type.startsWith("aws-native:") ? { props: args.props, opts: pulumi.mergeOptions(args.opts, { provider: dev }) } : undefined));\nnew aws.s3.Bucket("b");`,
            errors: [{ messageId: "missingProvider", line: 5 }],
        },
        {
            name: "a transformation for one resource type only",
            code: `${P}pulumi.runtime.registerStackTransformation((args) => (args.type === "aws:s3/bucket:Bucket" ? { props: args.props, opts: pulumi.mergeOptions(args.opts, { provider: dev }) } : undefined));\nnew aws.sqs.Queue("q");`,
            errors: [{ messageId: "unverifiable", line: 4, message: /may give it one/ }],
        },
        {
            name: "a transformation that sets it for some resources only",
            code: `${P}pulumi.runtime.registerStackTransformation((args) => (args.type.startsWith("aws:s3") ? { props: args.props, opts: pulumi.mergeOptions(args.opts, { provider: dev }) } : undefined));\nnew aws.sqs.Queue("q");`,
            errors: [{ messageId: "unverifiable", line: 4, message: /stack transformation at .*index\.ts:3 may give it one/ }],
        },
        { name: "registered in another module, which may run later", code: `${P}import "./setup";\nnew aws.s3.Bucket("b");`, files: other(ADD.replace(/\n/g, " ")), errors: [{ messageId: "unverifiable", line: 4, message: /setup\.ts:3 may give it one/ }] },
        {
            name: "a helper written before the registration may be called before it too",
            code: `${P}const bucket = (name: string) => new aws.s3.Bucket(name);\n${ADD}\nbucket("b");`,
            errors: [{ messageId: "unverifiable", line: 3, message: /may give it one/ }],
        },
        {
            name: "another program of the repository registers its transformation for its own resources",
            code: `${P}new aws.s3.Bucket("b");`,
            files: { "other/package.json": "{}", ...Object.fromEntries(Object.entries(other(ADD)).map(([f, t]) => [`other/${f}`, t])) },
            errors: [{ messageId: "missingProvider", line: 3 }],
        },
        {
            name: "registered in a function, for what a module creates outside it",
            code: `${P}new aws.s3.Bucket("b");\nexport = async () => {\n    pulumi.runtime.registerResourceTransform((args) => ({ props: args.props, opts: { ...args.opts, provider: dev } }));\n};`,
            errors: [{ messageId: "unverifiable", line: 3, message: /may give it one/ }],
        },
        { name: "an invoke transform does not reach resources", code: `${P}pulumi.runtime.registerInvokeTransform((args) => ({ args: args.args, opts: { ...args.opts, provider: dev } }));\nnew aws.s3.Bucket("b");`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "a transformation out of view", code: `${P}declare const addProvider: pulumi.ResourceTransformation;\npulumi.runtime.registerStackTransformation(addProvider);\nnew aws.s3.Bucket("b");`, errors: [{ messageId: "unverifiable", line: 5 }] },
    ],
});

ruleTester(requireInvokeProvider, {
    valid: [
        { name: "an invoke given its provider after a transformation", code: `${P}${ADD}\naws.getCallerIdentityOutput({}, { provider: dev });` },
        { name: "an invoke transform that sets the provider", code: `${P}pulumi.runtime.registerInvokeTransform((args) => ({ args: args.args, opts: { ...args.opts, provider: dev } }));\naws.getCallerIdentityOutput({});` },
        { name: "an invoke transform for the package's functions", code: `${P}pulumi.runtime.registerInvokeTransform((args) => (args.token.startsWith("aws:") ? { args: args.args, opts: { ...args.opts, provider: dev } } : undefined));\naws.getCallerIdentityOutput({});` },
    ],
    invalid: [
        { name: "invokes are not transformed by resource transformations", code: `${P}${ADD}\naws.getCallerIdentityOutput({});`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "an invoke transform for one function only", code: `${P}pulumi.runtime.registerInvokeTransform((args) => (args.token === "aws:index/getRegion:getRegion" ? { args: args.args, opts: { ...args.opts, provider: dev } } : undefined));\naws.getCallerIdentityOutput({});`, errors: [{ messageId: "unverifiable", line: 4, message: /may give it one/ }] },
    ],
});
