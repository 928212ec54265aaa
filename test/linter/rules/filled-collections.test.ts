import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * Collections of providers filled after they are declared. A map, as programs that loop over their accounts do:
 * `providers.prod = p`, `providers["prod"] = p`, `providers[account.name] = p` in a for...of or a
 * forEach over a list in view (each pass writes its own key, and every pass runs). A key the linter
 * cannot tell makes every read unverifiable; a write that may not run leaves the key undefined on
 * that path (class-members.ts `withPropertyWrites`). A write by a computed key was once ignored,
 * and every read of such a map judged "no provider". Runtime agreement:
 * test/fixtures/agreement/idioms (`filled-loop-good`, `filled-foreach-good`, `filled-missing-bad`).
 *
 * A list, by `list.push(p)`: a push that runs once, or once per element of a list in view, appends
 * at a position the linter counts; one under a condition adds elements at positions it does not,
 * and `unshift`, `splice`, `sort` and writes by index make every position unknown; iterating the
 * list sees every element it may hold (variable-writes.ts `withArrayWrites`). A pushed list was
 * once read as the empty list it starts as, so `list[0]` was "no provider". Runtime agreement:
 * idioms (`pushed-good`, `pushed-loop-good`, `pushed-past-end-bad`).
 */
const P = `import * as aws from "@pulumi/aws";
const role = (id: string) => ({ assumeRoles: [{ roleArn: \`arn:aws:iam::\${id}:role/A\` }] });
const prod = new aws.Provider("prod", role("333333333333"));
const accounts = [{ name: "dev", id: "222222222222" }, { name: "qa", id: "444444444444" }];
const providers: Record<string, aws.Provider> = {};
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "a string key written", code: `${P}providers["prod"] = prod;\nnew aws.s3.Bucket("b", {}, { provider: providers.prod });` },
        { name: "a constant key written", code: `${P}const PROD = "prod";\nproviders[PROD] = prod;\nnew aws.s3.Bucket("b", {}, { provider: providers["prod"] });` },
        { name: "filled in a for...of over a list in view", code: `${P}for (const a of accounts) {\n    providers[a.name] = new aws.Provider(a.name, role(a.id));\n}\nnew aws.s3.Bucket("b", {}, { provider: providers.qa });` },
        { name: "filled in a forEach over a list in view", code: `${P}accounts.forEach((a) => { providers[a.name] = new aws.Provider(a.name, role(a.id)); });\nnew aws.s3.Bucket("b", {}, { provider: providers.dev });` },
        { name: "filled in a forEach with an expression body", code: `${P}accounts.forEach((a) => (providers[a.name] = new aws.Provider(a.name, role(a.id))));\nnew aws.s3.Bucket("b", {}, { provider: providers.dev });` },
        { name: "filled in nested loops", code: `${P}for (const r of ["us-east-1"]) { for (const a of accounts) { providers[a.name] = new aws.Provider(a.name + r, role(a.id)); } }\nnew aws.s3.Bucket("b", {}, { provider: providers.qa });` },
    ],
    invalid: [
        { name: "a key no pass writes", code: `${P}for (const a of accounts) {\n    providers[a.name] = new aws.Provider(a.name, role(a.id));\n}\nnew aws.s3.Bucket("b", {}, { provider: providers.prod });`, errors: [{ messageId: "missingProvider", line: 9 }] },
        { name: "a loop that may skip the write", code: `${P}for (const a of accounts) {\n    if (a.id === "x") continue;\n    providers[a.name] = new aws.Provider(a.name, role(a.id));\n}\nnew aws.s3.Bucket("b", {}, { provider: providers.dev });`, errors: [{ messageId: "missingProvider", line: 10 }] },
        { name: "a write under an if", code: `${P}if (process.env.PROD) { providers["prod"] = prod; }\nnew aws.s3.Bucket("b", {}, { provider: providers.prod });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "a loop over a list out of view", code: `${P}declare const fromConfig: { name: string; id: string }[];\nfor (const a of fromConfig) { providers[a.name] = new aws.Provider(a.name, role(a.id)); }\nnew aws.s3.Bucket("b", {}, { provider: providers.dev });`, errors: [{ messageId: "unverifiable", line: 8, message: /written with a key the linter cannot tell/ }] },
        { name: "a key from a helper's parameter", code: `${P}function add(name: string) { providers[name] = prod; }\nadd("prod");\nnew aws.s3.Bucket("b", {}, { provider: providers.prod });`, errors: [{ messageId: "unverifiable", line: 8 }] },
        { name: "filled with undefined in a loop", code: `${P}for (const a of accounts) { providers[a.name] = undefined as any; }\nnew aws.s3.Bucket("b", {}, { provider: providers.dev });`, errors: [{ messageId: "missingProvider", line: 7 }] },
    ],
});

const L = `${P}const list: aws.Provider[] = [];
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "a list filled by push, by index", code: `${L}list.push(prod);\nnew aws.s3.Bucket("b", {}, { provider: list[0] });` },
        { name: "a list filled by push, iterated", code: `${L}list.push(prod);\nfor (const p of list) { new aws.s3.Bucket("b", {}, { provider: p }); }` },
        { name: "a list filled by push in a loop over a list in view, by index", code: `${L}for (const a of accounts) { list.push(new aws.Provider(a.name, role(a.id))); }\nnew aws.s3.Bucket("b", {}, { provider: list[1] });` },
        { name: "a list filled by push under a condition, iterated", code: `${L}if (process.env.PROD) { list.push(prod); }\nlist.forEach((p) => new aws.s3.Bucket("b", {}, { provider: p }));` },
        { name: "a list filled by a spread push, iterated", code: `${L}list.push(...[prod, prod]);\nfor (const p of list) { new aws.s3.Bucket("b", {}, { provider: p }); }` },
    ],
    invalid: [
        { name: "a pushed list, past its end", code: `${L}list.push(prod);\nnew aws.s3.Bucket("b", {}, { provider: list[1] });`, errors: [{ messageId: "missingProvider", line: 8 }] },
        { name: "an undefined pushed into a list, iterated", code: `${L}list.push(prod, undefined as any);\nfor (const p of list) { new aws.s3.Bucket("b", {}, { provider: p }); }`, errors: [{ messageId: "missingProvider", line: 8 }] },
        { name: "a push under a condition, by index", code: `${L}if (process.env.PROD) { list.push(prod); }\nnew aws.s3.Bucket("b", {}, { provider: list[0] });`, errors: [{ messageId: "unverifiable", line: 8, message: /after a spread/ }] },
        { name: "a list unshifted, by index", code: `${L}list.push(prod);\nlist.unshift(undefined as any);\nnew aws.s3.Bucket("b", {}, { provider: list[0] });`, errors: [{ messageId: "unverifiable", line: 9 }] },
        { name: "a list written by index, by index", code: `${L}list.push(prod);\nlist[0] = undefined as any;\nnew aws.s3.Bucket("b", {}, { provider: list[0] });`, errors: [{ messageId: "unverifiable", line: 9 }] },
        { name: "a list written by index, iterated", code: `${L}list.push(prod);\nlist[1] = undefined as any;\nfor (const p of list) { new aws.s3.Bucket("b", {}, { provider: p }); }`, errors: [{ messageId: "missingProvider", line: 9 }] },
    ],
});
