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
 *
 * Options objects changed in place: `Object.assign(opts, { provider })` and nested writes
 * (`holder.opts.provider = p`) were ignored, so such options were "no provider".
 *
 * The same for what a class keeps in a field it fills in its own code (`this.providers.push(p)`,
 * `this.byName[id] = p`): in the constructor the writes run as its body does, in a method maybe
 * not (`registry-push-good`, `registry-key-good` in idioms).
 *
 * Collections filled from what the linter cannot list (accounts from stack config): which keys
 * they have cannot be told, but what each write stores can, so iterating them (`Object.entries`,
 * `Object.values`, `map.values()`, a `map()` of `Object.keys(config)`) sees each value written; a
 * read by one key stays unverifiable. Iterating such a map was unverifiable on every resource
 * (runtime agreement: test/fixtures/agreement/registries, `config-each-good`).
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

const O = `${P}const opts: pulumi.CustomResourceOptions = {};
`;
const PULUMI = `import * as pulumi from "@pulumi/pulumi";\n`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "Object.assign into the options", code: `${PULUMI}${O}Object.assign(opts, { provider: prod });\nnew aws.s3.Bucket("b", {}, opts);` },
        { name: "Object.assign from options that have one", code: `${PULUMI}${O}const base = { provider: prod };\nObject.assign(opts, { protect: true }, base);\nnew aws.s3.Bucket("b", {}, opts);` },
        { name: "a nested write", code: `${PULUMI}${P}const holder = { opts: {} as pulumi.CustomResourceOptions };\nholder.opts.provider = prod;\nnew aws.s3.Bucket("b", {}, holder.opts);` },
        { name: "a nested write in a loop over a list in view", code: `${PULUMI}${P}const byName: Record<string, { opts: pulumi.CustomResourceOptions }> = { dev: { opts: {} }, qa: { opts: {} } };\nfor (const a of accounts) { byName[a.name].opts.provider = prod; }\nnew aws.s3.Bucket("b", {}, byName.qa.opts);` },
    ],
    invalid: [
        { name: "Object.assign under a condition", code: `${PULUMI}${O}if (process.env.PROD) { Object.assign(opts, { provider: prod }); }\nnew aws.s3.Bucket("b", {}, opts);`, errors: [{ messageId: "missingProvider", line: 9 }] },
        { name: "Object.assign that writes no provider", code: `${PULUMI}${O}Object.assign(opts, { protect: true });\nnew aws.s3.Bucket("b", {}, opts);`, errors: [{ messageId: "missingProvider", line: 9 }] },
        { name: "Object.assign from a spread list", code: `${PULUMI}${O}declare const parts: object[];\nObject.assign(opts, ...parts);\nnew aws.s3.Bucket("b", {}, opts);`, errors: [{ messageId: "unverifiable", line: 10, message: /spread list/ }] },
        { name: "a nested write of undefined", code: `${PULUMI}${P}const holder = { opts: { provider: prod } as pulumi.CustomResourceOptions };\nholder.opts.provider = undefined;\nnew aws.s3.Bucket("b", {}, holder.opts);`, errors: [{ messageId: "missingProvider", line: 9 }] },
    ],
});

const REGISTRY = `${P}class Registry {
    readonly providers: aws.Provider[] = [];
    readonly byName: Record<string, aws.Provider> = {};
    constructor(list: { name: string; id: string }[]) {
        for (const a of list) {
            const p = new aws.Provider(a.name, role(a.id));
            this.providers.push(p);
            this.byName[a.name] = p;
        }
    }
}
const registry = new Registry(accounts);
`;
const WITH_ADD = REGISTRY.replace("\n}\nconst registry", "\n    add(name: string, p: aws.Provider) { this.byName[name] = p; }\n}\nconst registry");

ruleTester(requireResourceProvider, {
    valid: [
        { name: "a field filled by push in the constructor, by index", code: `${REGISTRY}new aws.s3.Bucket("b", {}, { provider: registry.providers[1] });` },
        { name: "a field filled by key in the constructor", code: `${REGISTRY}new aws.s3.Bucket("b", {}, { provider: registry.byName.qa });` },
        { name: "a field filled in the constructor, iterated", code: `${REGISTRY}registry.providers.forEach((p) => new aws.s3.Bucket("b", {}, { provider: p }));` },
    ],
    invalid: [
        { name: "a field's key no constructor pass writes", code: `${REGISTRY}new aws.s3.Bucket("b", {}, { provider: registry.byName.prod });`, errors: [{ messageId: "missingProvider", line: 18 }] },
        { name: "a field's key a method may write with any key", code: `${WITH_ADD}new aws.s3.Bucket("b", {}, { provider: registry.byName.qa });`, errors: [{ messageId: "unverifiable", line: 19, message: /this\.byName\[name\] is written with a key the linter cannot tell/ }] },
        { name: "a field's element past what the constructor pushed", code: `${REGISTRY}new aws.s3.Bucket("b", {}, { provider: registry.providers[2] });`, errors: [{ messageId: "missingProvider", line: 18 }] },
        { name: "a field filled with undefined in the constructor, iterated", code: `${P}class Registry {\n    readonly providers: (aws.Provider | undefined)[] = [];\n    constructor() { this.providers.push(undefined); }\n}\nnew Registry().providers.forEach((p) =>\nnew aws.s3.Bucket("b", {}, { provider: p }));`, errors: [{ messageId: "missingProvider", line: 11 }] },
    ],
});

/** Accounts from config: keys the linter cannot list. */
const C = `import * as pulumi from "@pulumi/pulumi";
${P}const fromConfig = new pulumi.Config().requireObject<Record<string, string>>("accounts");
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "a map filled over config, iterated with Object.entries", code: `${C}for (const [name, id] of Object.entries(fromConfig)) { providers[name] = new aws.Provider(name, role(id)); }\nfor (const [name, provider] of Object.entries(providers)) { new aws.s3.Bucket(name, {}, { provider }); }` },
        { name: "a map filled over config, iterated with Object.values().forEach", code: `${C}for (const name of Object.keys(fromConfig)) { providers[name] = new aws.Provider(name, role(fromConfig[name])); }\nObject.values(providers).forEach((provider, i) => new aws.sns.Topic("t" + i, {}, { provider }));` },
        { name: "a list mapped from Object.keys of config", code: `${C}const list = Object.keys(fromConfig).map((name) => new aws.Provider(name, role(fromConfig[name])));\nlist.forEach((provider) => new aws.sqs.Queue("q", {}, { provider }));` },
        { name: "a Map set over config, iterated", code: `${C}const byName = new Map<string, aws.Provider>();\nfor (const [name, id] of Object.entries(fromConfig)) { byName.set(name, new aws.Provider(name, role(id))); }\nfor (const provider of byName.values()) { new aws.s3.Bucket("b", {}, { provider }); }` },
        { name: "a map with a literal key and keys from config, iterated", code: `${C}providers.prod = prod;\nfor (const [name, id] of Object.entries(fromConfig)) { providers[name] = new aws.Provider(name, role(id)); }\nfor (const provider of Object.values(providers)) { new aws.s3.Bucket("b", {}, { provider }); }` },
    ],
    invalid: [
        { name: "filled over config with a value that may be undefined, iterated", code: `${C}for (const [name, id] of Object.entries(fromConfig)) { providers[name] = (id ? new aws.Provider(name, role(id)) : undefined)!; }\nfor (const provider of Object.values(providers)) { new aws.s3.Bucket("b", {}, { provider }); }`, errors: [{ messageId: "missingProvider", line: 9 }] },
        { name: "filled over config, read by one key: unverifiable", code: `${C}for (const [name, id] of Object.entries(fromConfig)) { providers[name] = new aws.Provider(name, role(id)); }\nnew aws.s3.Bucket("b", {}, { provider: providers.dev });`, errors: [{ messageId: "unverifiable", line: 9 }] },
        { name: "filled over config, read by position: unverifiable", code: `${C}for (const [name, id] of Object.entries(fromConfig)) { providers[name] = new aws.Provider(name, role(id)); }\nnew aws.s3.Bucket("b", {}, { provider: Object.values(providers)[0] });`, errors: [{ messageId: "unverifiable", line: 9 }] },
        { name: "a list mapped from config to providers without a role is still read", code: `${C}const list = Object.keys(fromConfig).map((name) => name.length > 3 ? new aws.Provider(name, role(fromConfig[name])) : undefined);\nlist.forEach((provider) => new aws.sqs.Queue("q", {}, { provider }));`, errors: [{ messageId: "missingProvider", line: 9 }] },
    ],
});
