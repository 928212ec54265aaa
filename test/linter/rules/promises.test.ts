import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * Providers that arrive through promises and outputs: an awaited provider is the provider (an
 * async factory's return), `await Promise.all([...])` the list of them, `await p.then((x) => ...)`
 * what the callback returns for p's value, and the parameter of a `then` or `apply` callback is
 * the value (`pulumi.output(p).apply((q) => ...)`). The latter were "a call the linter cannot
 * follow", unverifiable on every resource they reach. A promise or an output itself, given as a
 * provider or as options, is none: the SDK reads `provider` of the promise. An async factory's
 * result not awaited was read as the provider it resolves to: a silent pass.
 */
const P = `import * as aws from "@pulumi/aws";
async function providerFor(id: string): Promise<aws.Provider> {
    return new aws.Provider("p" + id, { assumeRoles: [{ roleArn: \`arn:aws:iam::\${id}:role/Admin\` }] });
}
async function none(): Promise<aws.Provider | undefined> {
    return undefined;
}
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "awaited Promise.all, destructured", code: `${P}async function main() {\n    const [dev, prod] = await Promise.all([providerFor("222222222222"), providerFor("333333333333")]);\n    new aws.s3.Bucket("a", {}, { provider: dev });\n    new aws.s3.Bucket("b", {}, { provider: prod });\n}\nmain();` },
        { name: "a then callback that passes the value on", code: `${P}async function main() {\n    const p = await providerFor("222222222222").then((x) => x);\n    new aws.s3.Bucket("a", {}, { provider: p });\n}\nmain();` },
        { name: "an output's apply callback given the provider", code: `import * as pulumi from "@pulumi/pulumi";\n${P}const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] });\npulumi.output(dev).apply((q) => new aws.s3.Bucket("a", {}, { provider: q }));\npulumi.output(providerFor("333333333333")).apply((q) => new aws.s3.Bucket("b", {}, { provider: q }));` },
        { name: "pulumi.all's apply callback, destructured", code: `import * as pulumi from "@pulumi/pulumi";\n${P}const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] });\npulumi.all([dev, "x"]).apply(([q, name]) => new aws.s3.Bucket(name, {}, { provider: q }));` },
        { name: "async callbacks mapped and awaited together", code: `${P}async function main() {\n    const providers = await Promise.all(["222222222222", "333333333333"].map(async (id) => providerFor(id)));\n    for (const provider of providers) { new aws.s3.Bucket("a", {}, { provider }); }\n}\nmain();` },
        { name: "a resource made in a then callback from its value", code: `${P}void providerFor("222222222222").then((provider) => new aws.s3.Bucket("a", {}, { provider }));` },
    ],
    invalid: [
        { name: "an async factory's result, not awaited", code: `${P}new aws.s3.Bucket("a", {}, { provider: providerFor("222222222222") as unknown as aws.Provider });`, errors: [{ messageId: "missingProvider", line: 8, message: /not a provider resource/ }] },
        { name: "a then, not awaited", code: `${P}new aws.s3.Bucket("a", {}, { provider: providerFor("222222222222").then((x) => x) as unknown as aws.Provider });`, errors: [{ messageId: "missingProvider", line: 8 }] },
        { name: "an output given as the provider", code: `import * as pulumi from "@pulumi/pulumi";\n${P}const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] });\nnew aws.s3.Bucket("a", {}, { provider: pulumi.output(dev) as unknown as aws.Provider });`, errors: [{ messageId: "missingProvider", line: 10 }] },
        { name: "options made in an apply callback", code: `import * as pulumi from "@pulumi/pulumi";\n${P}const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] });\nnew aws.s3.Bucket("a", {}, pulumi.output(dev).apply((p) => ({ provider: p })) as unknown as pulumi.CustomResourceOptions);`, errors: [{ messageId: "missingProvider", line: 10 }] },
        { name: "awaited Promise.all, an element that is no provider", code: `${P}async function main() {\n    const [dev, missing] = await Promise.all([providerFor("222222222222"), none()]);\n    new aws.s3.Bucket("a", {}, { provider: dev });\n    new aws.s3.Bucket("b", {}, { provider: missing });\n}\nmain();`, errors: [{ messageId: "missingProvider", line: 11 }] },
        { name: "a then callback that gives nothing", code: `${P}async function main() {\n    const p = await providerFor("222222222222").then(() => undefined);\n    new aws.s3.Bucket("a", {}, { provider: p });\n}\nmain();`, errors: [{ messageId: "missingProvider", line: 10 }] },
        { name: "a then of an object with its own then method: unverifiable", code: `${P}const thenable = { then(f: (p: aws.Provider) => void) { /* never calls f */ } };\nthenable.then((provider) => new aws.s3.Bucket("a", {}, { provider }));`, errors: [{ messageId: "unverifiable", line: 9 }] },
    ],
});
