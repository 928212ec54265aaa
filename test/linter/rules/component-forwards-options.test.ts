import { componentForwardsOptions } from "../../../linter/src/rules/component-forwards-options";
import { ruleTester } from "../rule-tester";

const head = `import * as pulumi from "@pulumi/pulumi"; import * as aws from "@pulumi/aws";\n`;

ruleTester(componentForwardsOptions, {
    valid: [
        { name: "opts passed as options", code: `${head}class C extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("acme:C", n, {}, opts); } }` },
        { name: "opts merged into options", code: `${head}class C extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("acme:C", n, {}, pulumi.mergeOptions(opts, { protect: true })); } }` },
        { name: "opts spread into options", code: `${head}class C extends pulumi.ComponentResource { constructor(n: string, opts: pulumi.ComponentResourceOptions = {}) { super("acme:C", n, {}, { ...opts, aliases: [] }); } }` },
        { name: "a subclass passing opts to its base's options parameter", code: `${head}class Base extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("acme:Base", n, {}, opts); } }\nclass Sub extends Base { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super(n, opts); } }` },
        { name: "a resource subclass passing opts", code: `${head}class Logs extends aws.s3.Bucket { constructor(n: string, opts?: pulumi.CustomResourceOptions) { super(n, {}, opts); } }` },
        { name: "a component without an options parameter", code: `${head}class C extends pulumi.ComponentResource { constructor(n: string) { super("acme:C", n); } }` },
        { name: "a plain class", code: `class C { constructor(opts?: object) {} }` },
    ],
    invalid: [
        {
            name: "opts in the args position",
            code: `${head}class C extends pulumi.ComponentResource {\n    constructor(n: string, opts?: pulumi.ComponentResourceOptions) {\n        super("acme:C", n, opts);\n    }\n}`,
            errors: [{ messageId: "asArgs", line: 4, message: /C passes its options \(opts\) to super\(\.\.\.\) as the component's args.*as the fourth argument/ }],
        },
        {
            name: "opts dropped",
            code: `${head}class C extends pulumi.ComponentResource {\n    constructor(n: string, args: {}, opts?: pulumi.ComponentResourceOptions) {\n        super("acme:C", n, args);\n    }\n}`,
            errors: [{ messageId: "dropped", line: 4 }],
        },
        {
            name: "options replaced by a fresh object",
            code: `${head}class C extends pulumi.ComponentResource { constructor(n: string, options?: pulumi.ComponentResourceOptions) { super("acme:C", n, {}, { protect: true }); } }`,
            errors: [{ messageId: "dropped", line: 2, message: /\(options\)/ }],
        },
        {
            name: "a subclass that drops opts on its way to the base",
            code: `${head}class Base extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("acme:Base", n, {}, opts); } }\nclass Sub extends Base { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super(n); } }`,
            errors: [{ messageId: "dropped", line: 3, message: /Sub does not pass its options \(opts\).*second argument/ }],
        },
        {
            name: "a resource subclass that drops opts",
            code: `${head}class Logs extends aws.s3.Bucket { constructor(n: string, opts?: pulumi.CustomResourceOptions) { super(n, {}); } }`,
            errors: [{ messageId: "dropped", line: 2, message: /third argument/ }],
        },
    ],
});
