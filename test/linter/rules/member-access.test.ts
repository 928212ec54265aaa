import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * `owner.key` where `owner` is not a value but a class, a module or a namespace. Providers kept as
 * static members of a class (`Accounts.prod`) are read from the class: a static property's
 * initializer, a static getter or method, inherited by subclasses (class-members.ts
 * `staticMember`). Members of `import * as accounts` and of namespaces (merged blocks too) are the
 * variables they export (names.ts `moduleMember`). Such a member was once judged "not a provider".
 * Members of an enum are its literals, so a map keyed by them (`{ [Env.Prod]: p }`) is read.
 * A getter of an object literal (`{ get dev() { return p; } }`) is what it returns: it was "a
 * method", so every resource given `accounts.dev` was an error (runtime agreement: registries,
 * `getter-good`).
 * A module, namespace or class held as a value (`const a = accounts`, a helper's parameter) is
 * read the same way, where it was once "not a provider" too. Runtime agreement:
 * test/fixtures/agreement/idioms (`static-good`, `module-member-good`, `namespace-good`,
 * `namespace-unset-bad`, `module-alias-good`, `namespace-alias-bad`, `class-param-good`).
 */
const P = `import * as aws from "@pulumi/aws";
const role = (id: string) => ({ assumeRoles: [{ roleArn: \`arn:aws:iam::\${id}:role/A\` }] });
`;
const MODULE = {
    "accounts.ts": `import * as aws from "@pulumi/aws";
export const prod = new aws.Provider("prod", { assumeRoles: [{ roleArn: "arn:aws:iam::333333333333:role/A" }] });
export let later: aws.Provider | undefined;
export namespace Regions { export const ireland = prod; }
export namespace Regions { export const unset: aws.Provider | undefined = undefined; }
export * from "./more";`,
    "more.ts": `import * as aws from "@pulumi/aws";
export const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] });`,
};
const IMPORT = `import * as aws from "@pulumi/aws";\nimport * as accounts from "./accounts";\nimport { Regions } from "./accounts";\n`;
const ACCOUNTS = `${P}class Accounts {
    static readonly prod = new aws.Provider("prod", role("333333333333"));
    static get dev(): aws.Provider { return new aws.Provider("dev", role("222222222222")); }
    static none?: aws.Provider;
    static label = "accounts";
    static pick(): aws.Provider { return Accounts.prod; }
}
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "a static property", code: `${ACCOUNTS}new aws.s3.Bucket("b", {}, { provider: Accounts.prod });` },
        { name: "a static property by a string key", code: `${ACCOUNTS}new aws.s3.Bucket("b", {}, { provider: Accounts["prod"] });` },
        { name: "a static getter", code: `${ACCOUNTS}new aws.s3.Bucket("b", {}, { provider: Accounts.dev });` },
        { name: "a static method's result", code: `${ACCOUNTS}new aws.s3.Bucket("b", {}, { provider: Accounts.pick() });` },
        { name: "a static inherited by a subclass", code: `${ACCOUNTS}class Prod extends Accounts {}\nnew aws.s3.Bucket("b", {}, { provider: Prod.prod });` },
        { name: "options kept as a static", code: `${ACCOUNTS}class Opts { static readonly prod = { provider: Accounts.prod }; }\nnew aws.s3.Bucket("b", {}, Opts.prod);` },
        { name: "a member of an imported module", code: `${IMPORT}new aws.s3.Bucket("b", {}, { provider: accounts.prod });`, files: MODULE },
        { name: "a member re-exported by the module", code: `${IMPORT}new aws.s3.Bucket("b", {}, { provider: accounts.dev });`, files: MODULE },
        { name: "a namespace's member through the module", code: `${IMPORT}new aws.s3.Bucket("b", {}, { provider: accounts.Regions.ireland });`, files: MODULE },
        { name: "an imported namespace's member", code: `${IMPORT}new aws.s3.Bucket("b", {}, { provider: Regions.ireland });`, files: MODULE },
        { name: "a local namespace's member", code: `${P}namespace Local { export const p = new aws.Provider("p", role("222222222222")); }\nnew aws.s3.Bucket("b", {}, { provider: Local.p });` },
        { name: "a map keyed by an enum", code: `${P}enum Env { Dev = "dev", Prod = "prod" }\nconst byEnv = { [Env.Prod]: new aws.Provider("p", role("333333333333")) };\nnew aws.s3.Bucket("b", {}, { provider: byEnv[Env.Prod] });` },
        { name: "a module held in a constant", code: `${IMPORT}const a = accounts;\nnew aws.s3.Bucket("b", {}, { provider: a.prod });`, files: MODULE },
        { name: "a namespace held in a constant", code: `${IMPORT}const R = Regions;\nnew aws.s3.Bucket("b", {}, { provider: R.ireland });`, files: MODULE },
        { name: "a namespace of a module held in a constant, by a string key", code: `${IMPORT}const a = accounts;\nnew aws.s3.Bucket("b", {}, { provider: a["Regions"].ireland });`, files: MODULE },
        { name: "a class held in a constant", code: `${ACCOUNTS}const C = Accounts;\nnew aws.s3.Bucket("b", {}, { provider: C.prod });` },
        { name: "a namespace handed to a helper", code: `${IMPORT}function inRegion(ns: typeof Regions) { return new aws.s3.Bucket("b", {}, { provider: ns.ireland }); }\ninRegion(Regions);`, files: MODULE },
        { name: "a class handed to a helper", code: `${ACCOUNTS}const pick = (holder: typeof Accounts) => holder.prod;\nnew aws.s3.Bucket("b", {}, { provider: pick(Accounts) });` },
        { name: "a map keyed by a constant", code: `${P}const PROD = "prod";\nconst byEnv = { [PROD]: new aws.Provider("p", role("333333333333")) };\nnew aws.s3.Bucket("b", {}, { provider: byEnv.prod });` },
        { name: "a getter of an object literal", code: `${P}const dev = new aws.Provider("dev", role("222222222222"));\nconst accounts = { get dev() { return dev; } };\nnew aws.s3.Bucket("b", {}, { provider: accounts.dev });` },
        { name: "a getter with a setter beside it", code: `${P}const dev = new aws.Provider("dev", role("222222222222"));\nconst accounts = { get dev() { return dev; }, set dev(_p: aws.Provider) { /* ignored */ } };\nnew aws.s3.Bucket("b", {}, { provider: accounts.dev });` },
    ],
    invalid: [
        { name: "a getter of an object literal that returns nothing", code: `${P}const accounts = { get dev(): aws.Provider | undefined { return undefined; } };\nnew aws.s3.Bucket("b", {}, { provider: accounts.dev });`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "a setter without a getter reads as undefined", code: `${P}const accounts = { set dev(_p: aws.Provider) { /* stored elsewhere */ } };\nnew aws.s3.Bucket("b", {}, { provider: (accounts as { dev?: aws.Provider }).dev });`, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "an enum key the map lacks", code: `${P}enum Env { Dev = "dev", Prod = "prod" }\nconst byEnv = { [Env.Prod]: new aws.Provider("p", role("333333333333")) };\nnew aws.s3.Bucket("b", {}, { provider: byEnv[Env.Dev] });`, errors: [{ messageId: "missingProvider", line: 5 }] },
        { name: "a key computed from something unknown", code: `${P}declare const stage: string;\nconst byEnv = { [stage]: new aws.Provider("p", role("333333333333")) };\nnew aws.s3.Bucket("b", {}, { provider: byEnv.prod });`, errors: [{ messageId: "unverifiable", line: 5, message: /computed/ }] },
        { name: "a namespace's member that is undefined", code: `${IMPORT}new aws.s3.Bucket("b", {}, { provider: Regions.unset });`, files: MODULE, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "a module's let, assigned out of view", code: `${IMPORT}new aws.s3.Bucket("b", {}, { provider: accounts.later });`, files: MODULE, errors: [{ messageId: "missingProvider", line: 4 }] },
        { name: "a module member that is not exported", code: `${IMPORT}new aws.s3.Bucket("b", {}, { provider: (accounts as any).hidden });`, files: MODULE, errors: [{ messageId: "unverifiable", line: 4, message: /not an exported constant/ }] },
        { name: "a member of a declared namespace", code: `${P}declare namespace Ambient { const p: aws.Provider; }\nnew aws.s3.Bucket("b", {}, { provider: Ambient.p });`, errors: [{ messageId: "unverifiable", line: 4 }] },
        { name: "a static declared without a value", code: `${ACCOUNTS}new aws.s3.Bucket("b", {}, { provider: Accounts.none });`, errors: [{ messageId: "unverifiable", line: 10, message: /Accounts\.none is not a static member/ }] },
        { name: "a static the class does not have", code: `${ACCOUNTS}new aws.s3.Bucket("b", {}, { provider: (Accounts as any).qa });`, errors: [{ messageId: "unverifiable", line: 10 }] },
        { name: "a static that is not a provider", code: `${ACCOUNTS}new aws.s3.Bucket("b", {}, { provider: Accounts.label as any });`, errors: [{ messageId: "missingProvider", line: 10 }] },
        { name: "a namespace held in a constant, its undefined member", code: `${IMPORT}const R = Regions;\nnew aws.s3.Bucket("b", {}, { provider: R.unset });`, files: MODULE, errors: [{ messageId: "missingProvider", line: 5 }] },
        { name: "a namespace handed to a helper, its undefined member", code: `${IMPORT}function inRegion(ns: typeof Regions) { return new aws.s3.Bucket("b", {}, { provider: ns.unset }); }\ninRegion(Regions);`, files: MODULE, errors: [{ messageId: "viaCall", line: 5 }] },
        { name: "the namespace itself as the provider", code: `${IMPORT}new aws.s3.Bucket("b", {}, { provider: Regions as any });`, files: MODULE, errors: [{ messageId: "missingProvider", line: 4, message: /not a provider resource/ }] },
        { name: "a class held in a constant, a static it lacks", code: `${ACCOUNTS}const C = Accounts;\nnew aws.s3.Bucket("b", {}, { provider: (C as any).qa });`, errors: [{ messageId: "unverifiable", line: 11 }] },
        { name: "an instance field read from the class", code: `${P}class Holder { readonly p = new aws.Provider("p", role("222222222222")); }\nnew aws.s3.Bucket("b", {}, { provider: (Holder as any).p });`, errors: [{ messageId: "unverifiable", line: 4 }] },
    ],
});
