import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * Providers that arrive through promises: an awaited provider is the provider (an async factory's
 * return), `await Promise.all([...])` the list of them, `p.then((x) => ...)` what the callback
 * returns for p's value. The last two were "a call the linter cannot follow", unverifiable on every
 * resource they reach.
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
        { name: "a resource made in a then callback from its value", code: `${P}void providerFor("222222222222").then((provider) => new aws.s3.Bucket("a", {}, { provider }));` },
    ],
    invalid: [
        { name: "awaited Promise.all, an element that is no provider", code: `${P}async function main() {\n    const [dev, missing] = await Promise.all([providerFor("222222222222"), none()]);\n    new aws.s3.Bucket("a", {}, { provider: dev });\n    new aws.s3.Bucket("b", {}, { provider: missing });\n}\nmain();`, errors: [{ messageId: "missingProvider", line: 11 }] },
        { name: "a then callback that gives nothing", code: `${P}async function main() {\n    const p = await providerFor("222222222222").then(() => undefined);\n    new aws.s3.Bucket("a", {}, { provider: p });\n}\nmain();`, errors: [{ messageId: "missingProvider", line: 10 }] },
        { name: "a then of an object with its own then method: unverifiable", code: `${P}const thenable = { then(f: (p: aws.Provider) => void) { /* never calls f */ } };\nthenable.then((provider) => new aws.s3.Bucket("a", {}, { provider }));`, errors: [{ messageId: "unverifiable", line: 9 }] },
    ],
});
