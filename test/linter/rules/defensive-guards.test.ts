import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * Reads that a guard in front of them makes defined (guarded-reads.ts): `if (!provider) throw ...`,
 * `if (!p) continue;`, `return`, `break`, node's `assert(provider)`, and a read inside
 * `if (providers[env]) { ... }`. A read by a key the linter cannot tell (`providers[pulumi.getStack()]`,
 * `map.get(stack)`) is unverifiable; behind such a guard it is one of the collection's values, each
 * judged, since the guard leaves before an undefined one reaches a resource; so is `list.find(...)`
 * (one of the elements, or none), whose predicate the linter does not run. Such defensive code
 * was a warning on every resource it guards.
 */
const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const role = (id: string) => ({ assumeRoles: [{ roleArn: \`arn:aws:iam::\${id}:role/Admin\` }] });
const providers: Record<string, aws.Provider | undefined> = { dev: new aws.Provider("dev", role("222222222222")), prod: new aws.Provider("prod", role("333333333333")), retired: undefined };
const env = pulumi.getStack();
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "an unknown key behind `if (!provider) throw`", code: `${P}const provider = providers[env];\nif (!provider) {\n    throw new Error("no account for " + env);\n}\nnew aws.s3.Bucket("b", {}, { provider });` },
        { name: "an unknown key behind `=== undefined` and a return, in a helper", code: `${P}function bucketIn(account: string) {\n    const p = providers[account];\n    if (p === undefined) return undefined;\n    return new aws.s3.Bucket(account, {}, { provider: p });\n}\nbucketIn(env);` },
        { name: "a loop that skips accounts without a provider", code: `${P}const names: string[] = new pulumi.Config().requireObject("accounts");\nfor (const name of names) {\n    const p = providers[name];\n    if (!p) continue;\n    new aws.s3.Bucket(name, {}, { provider: p });\n}` },
        { name: "node's assert", code: `import assert from "node:assert";\n${P}const provider = providers[env];\nassert(provider);\nnew aws.s3.Bucket("b", {}, { provider });` },
        { name: "a Map read by an unknown key behind a throw", code: `${P}const byName = new Map<string, aws.Provider>([["dev", providers.dev!]]);\nconst p = byName.get(env);\nif (!p) throw new Error("unknown stack");\nnew aws.s3.Bucket("b", {}, { provider: p });` },
        { name: "a guard that leaves, with an else", code: `${P}const provider = providers[env];\nif (!provider) { throw new Error("none"); } else { console.log("ok"); }\nnew aws.s3.Bucket("b", {}, { provider });` },
        { name: "an else that leaves", code: `${P}const provider = providers[env];\nif (provider) { console.log("ok"); } else { throw new Error("none"); }\nnew aws.s3.Bucket("b", {}, { provider });` },
        { name: "a read in the else of a missing-guard", code: `${P}const provider = providers[env];\nif (!provider) { console.log("none"); } else { new aws.s3.Bucket("b", {}, { provider }); }` },
        { name: "list.find behind a throw, of a list with an undefined element (the guard leaves on it)", code: `${P}const list = [providers.dev, providers.retired];\nconst found = list.find((p) => p !== undefined);\nif (found === undefined) throw new Error("none");\nnew aws.s3.Bucket("b", {}, { provider: found });` },
        { name: "list.find behind a throw", code: `${P}const accounts = [{ name: "dev", provider: providers.dev! }, { name: "prod", provider: providers.prod! }];\nconst found = accounts.find((a) => a.name === env);\nif (!found) throw new Error("no account for " + env);\nnew aws.s3.Bucket("b", {}, { provider: found.provider });` },
        { name: "a read inside `if (providers[env])`", code: `${P}if (providers[env]) {\n    new aws.s3.Bucket("b", {}, { provider: providers[env] });\n}` },
    ],
    invalid: [
        { name: "an unknown key without a guard: unverifiable", code: `${P}new aws.s3.Bucket("b", {}, { provider: providers[env] });`, errors: [{ messageId: "unverifiable", line: 5 }] },
        { name: "list.find without a guard: unverifiable", code: `${P}const list = [providers.dev!, providers.prod!];\nnew aws.s3.Bucket("b", {}, { provider: list.find((p) => p !== undefined) });`, errors: [{ messageId: "unverifiable", line: 6, message: /list\.find\(\.\.\.\), which may find none/ }] },
        { name: "list.find behind a throw, of a list with an element that is no provider", code: `${P}const list = [providers.dev, "arn:aws:iam::333333333333:role/A"];\nconst found = list.find((p) => p !== undefined);\nif (found === undefined) throw new Error("none");\nnew aws.s3.Bucket("b", {}, { provider: found as aws.Provider });`, errors: [{ messageId: "missingProvider", line: 8 }] },
        { name: "a guard that does not leave: unverifiable", code: `${P}const provider = providers[env];\nif (!provider) {\n    console.log("no provider");\n}\nnew aws.s3.Bucket("b", {}, { provider });`, errors: [{ messageId: "unverifiable", line: 9 }] },
        { name: "a guard whose branches both go on: unverifiable", code: `${P}const provider = providers[env];\nif (!provider) { console.log("none"); } else { console.log("ok"); }\nnew aws.s3.Bucket("b", {}, { provider });`, errors: [{ messageId: "unverifiable", line: 7 }] },
        { name: "a guard on another variable: unverifiable", code: `${P}const provider = providers[env];\nconst other = providers.dev;\nif (!other) throw new Error("none");\nnew aws.s3.Bucket("b", {}, { provider });`, errors: [{ messageId: "unverifiable", line: 8 }] },
        { name: "an assert that is not node's: unverifiable", code: `${P}function assert(_v: unknown) { /* logs only */ }\nconst provider = providers[env];\nassert(provider);\nnew aws.s3.Bucket("b", {}, { provider });`, errors: [{ messageId: "unverifiable", line: 8 }] },
        { name: "behind the guard, a value of the collection that is no provider", code: `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";\nconst options: Record<string, aws.Provider | string> = { dev: new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] }), prod: "arn:aws:iam::333333333333:role/A" };\nconst p = options[pulumi.getStack()];\nif (!p) throw new Error("none");\nnew aws.s3.Bucket("b", {}, { provider: p as aws.Provider });`, errors: [{ messageId: "missingProvider", line: 5 }] },
    ],
});
