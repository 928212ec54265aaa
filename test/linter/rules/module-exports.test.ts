import { requireComponentProvider } from "../../../linter/src/rules/require-component-provider";
import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * What an import of a project module is at run time (linter/src/analysis/module-exports.ts):
 * `import x from "./m"` is m's default export (or, for a module that assigns module.exports, that
 * value); `import m = require("./m")` and `require("./m")` are module.exports. A default import was
 * once taken for the whole module, and a provider exported as default judged "not a provider".
 * Runtime agreement: test/fixtures/agreement/idioms (`default-import-good`, `export-equals-good`,
 * `export-equals-unset-bad`, `default-component-bad`).
 */
const ROLE = `{ assumeRoles: [{ roleArn: "arn:aws:iam::333333333333:role/A" }] }`;
const FILES = {
    "prod.ts": `import * as aws from "@pulumi/aws";\nexport default new aws.Provider("prod", ${ROLE});`,
    "accounts.ts": `import * as aws from "@pulumi/aws";
const prod = new aws.Provider("prod", ${ROLE});
export default { prod, qa: undefined };`,
    "renamed.ts": `import * as aws from "@pulumi/aws";\nconst prod = new aws.Provider("prod", ${ROLE});\nexport { prod as default };`,
    "holder.ts": `import * as aws from "@pulumi/aws";
export default class Holder { static readonly prod = new aws.Provider("prod", ${ROLE}); }`,
    "legacy.ts": `import * as aws from "@pulumi/aws";\nconst prod = new aws.Provider("prod", ${ROLE});\nexport = { prod };`,
    "commonjs.ts": `import * as aws from "@pulumi/aws";\nmodule.exports = { prod: new aws.Provider("prod", ${ROLE}) };`,
    "named.ts": `import * as aws from "@pulumi/aws";\nexport const prod = new aws.Provider("prod", ${ROLE});`,
    "barrel.ts": `export { default as prod } from "./prod";\nexport { default as Holder } from "./holder";\nexport * from "./named";`,
};
const WITH_COMPONENT = {
    ...FILES,
    "site.ts": `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
export default class Site extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("x:web:Site", name, {}, opts);
        new aws.s3.Bucket(name, {}, { parent: this });
    }
}`,
};
const AWS = `import * as aws from "@pulumi/aws";\n`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "a provider exported as default", code: `${AWS}import prod from "./prod";\nnew aws.s3.Bucket("b", {}, { provider: prod });`, files: FILES },
        { name: "a member of an object exported as default", code: `${AWS}import accounts from "./accounts";\nnew aws.s3.Bucket("b", {}, { provider: accounts.prod });`, files: FILES },
        { name: "a variable exported as default by name", code: `${AWS}import prod from "./renamed";\nnew aws.s3.Bucket("b", {}, { provider: prod });`, files: FILES },
        { name: "a static of a class exported as default", code: `${AWS}import Holder from "./holder";\nnew aws.s3.Bucket("b", {}, { provider: Holder.prod });`, files: FILES },
        { name: "import = require of a module that assigns export =", code: `${AWS}import legacy = require("./legacy");\nnew aws.s3.Bucket("b", {}, { provider: legacy.prod });`, files: FILES },
        { name: "a default import of a module that assigns export =", code: `${AWS}import legacy from "./legacy";\nnew aws.s3.Bucket("b", {}, { provider: legacy.prod });`, files: FILES },
        { name: "import * as of a module that assigns module.exports", code: `${AWS}import * as cjs from "./commonjs";\nnew aws.s3.Bucket("b", {}, { provider: (cjs as any).prod });`, files: FILES },
        { name: "require() of a module with named exports", code: `${AWS}const named = require("./named");\nnew aws.s3.Bucket("b", {}, { provider: named.prod });`, files: FILES },
        { name: "a default re-exported under a name", code: `${AWS}import { prod } from "./barrel";\nnew aws.s3.Bucket("b", {}, { provider: prod });`, files: FILES },
        { name: "a default class re-exported under a name", code: `${AWS}import { Holder } from "./barrel";\nnew aws.s3.Bucket("b", {}, { provider: Holder.prod });`, files: FILES },
        { name: "a member of module.exports imported by name", code: `${AWS}import { prod } from "./legacy";\nnew aws.s3.Bucket("b", {}, { provider: prod });`, files: FILES },
        { name: "require(...).default", code: `${AWS}new aws.s3.Bucket("b", {}, { provider: require("./prod").default });`, files: FILES },
    ],
    invalid: [
        { name: "a member of the default export that is undefined", code: `${AWS}import accounts from "./accounts";\nnew aws.s3.Bucket("b", {}, { provider: accounts.qa });`, files: FILES, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "a member the default export lacks", code: `${AWS}import accounts from "./accounts";\nnew aws.s3.Bucket("b", {}, { provider: (accounts as any).dev });`, files: FILES, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "the class exported as default, as the provider", code: `${AWS}import Holder from "./holder";\nnew aws.s3.Bucket("b", {}, { provider: Holder as any });`, files: FILES, errors: [{ messageId: "missingProvider", line: 3, message: /not a provider resource/ }] },
        { name: "a default import of a module without one", code: `${AWS}import nothing from "./named";\nnew aws.s3.Bucket("b", {}, { provider: nothing });`, files: FILES, errors: [{ messageId: "unverifiable", line: 3, message: /default import/ }] },
        { name: "a name the module does not export", code: `${AWS}import { qa } from "./named";\nnew aws.s3.Bucket("b", {}, { provider: qa });`, files: FILES, errors: [{ messageId: "unverifiable", line: 3, message: /"qa" of named\.ts that the linter cannot follow/ }] },
        { name: "a member that module.exports lacks", code: `${AWS}import legacy = require("./legacy");\nnew aws.s3.Bucket("b", {}, { provider: (legacy as any).dev });`, files: FILES, errors: [{ messageId: "missingProvider", line: 3 }] },
    ],
});

// A component exported as default was once taken for the whole module, and its resources missed.
ruleTester(requireComponentProvider, {
    valid: [{ name: "a default-exported component given a provider", code: `import Site from "./site";\nimport prod from "./prod";\nnew Site("s", { providers: [prod] });`, files: WITH_COMPONENT }],
    invalid: [{ name: "a default-exported component given none", code: `import Site from "./site";\nnew Site("s");`, files: WITH_COMPONENT, errors: [{ messageId: "missingProviders", line: 2 }] }],
});
