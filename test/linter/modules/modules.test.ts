import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diskHost } from "../../../linter/src/analysis/project-sources";
import { DEFAULT_SETTINGS, Linter } from "../../../linter/src/linter";

/**
 * Imports the linter must follow the way TypeScript and Node do, on projects written to disk (inside
 * the repository, so @pulumi/aws resolves from its node_modules; workspace links are real symlinks).
 * Each case: the files, and the findings expected as `file:line ruleId`.
 */
const ROOT = path.resolve(__dirname, "../../.tmp/modules");
afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

function write(name: string, files: Record<string, string>, links: Record<string, string> = {}): string {
    const dir = path.join(ROOT, name);
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    for (const [link, target] of Object.entries(links)) {
        fs.mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
        fs.symlinkSync(path.join(dir, target), path.join(dir, link), "dir");
    }
    return dir;
}

function lint(dir: string, only?: string[]): string[] {
    const linter = new Linter(DEFAULT_SETTINGS, diskHost, undefined, { cacheDir: false });
    const files = only ? only.map((f) => path.join(dir, f)) : diskHost.listSourceFiles(dir);
    return linter.lintFiles(files).map((f) => `${path.relative(dir, f.file)}:${f.line} ${f.ruleId}`);
}

const HELPER = `import * as aws from "@pulumi/aws";\nimport * as pulumi from "@pulumi/pulumi";\nexport function makeBucket(name: string, opts?: pulumi.CustomResourceOptions) { return new aws.s3.Bucket(name, {}, opts); }\n`;

const cases: { name: string; files: Record<string, string>; links?: Record<string, string>; only?: string[]; expected: string[] }[] = [
    {
        name: "a barrel that re-exports the SDK (export *)",
        files: { "package.json": "{}", "cloud.ts": `export * from "@pulumi/aws";\n`, "index.ts": `import { s3 } from "./cloud";\nnew s3.Bucket("b");\n` },
        expected: ["index.ts:2 require-resource-provider"],
    },
    {
        name: "export * as a namespace",
        files: { "package.json": "{}", "cloud.ts": `export * as aws from "@pulumi/aws";\n`, "index.ts": `import { aws } from "./cloud";\nnew aws.sqs.Queue("q");\n` },
        expected: ["index.ts:2 require-resource-provider"],
    },
    {
        name: "export { s3 } from the SDK, through two barrels",
        files: { "package.json": "{}", "a.ts": `export { s3 } from "@pulumi/aws";\n`, "b.ts": `export * from "./a";\n`, "index.ts": `import { s3 } from "./b";\nnew s3.Bucket("b");\n` },
        expected: ["index.ts:2 require-resource-provider"],
    },
    {
        name: "package.json imports alias (#infra/*)",
        files: {
            "package.json": JSON.stringify({ name: "app", imports: { "#infra/*": "./src/infra/*.js" } }),
            "src/infra/helpers.ts": HELPER,
            "src/index.ts": `import { makeBucket } from "#infra/helpers";\nmakeBucket("a");\n`,
        },
        expected: ["src/index.ts:2 require-resource-provider"],
    },
    {
        name: "tsconfig paths",
        files: {
            "package.json": "{}",
            "tsconfig.json": JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@lib/*": ["lib/*"] } } }),
            "lib/helpers.ts": HELPER,
            "index.ts": `import { makeBucket } from "@lib/helpers";\nmakeBucket("a");\n`,
        },
        expected: ["index.ts:2 require-resource-provider"],
    },
    {
        name: ".mts and .cts sources, imported as .mjs and .cjs",
        files: { "package.json": "{}", "helpers.mts": HELPER, "legacy.cts": `import * as aws from "@pulumi/aws";\nexport const q = new aws.sqs.Queue("q");\n`, "index.mts": `import { makeBucket } from "./helpers.mjs";\nimport "./legacy.cjs";\nmakeBucket("a");\n` },
        expected: ["index.mts:3 require-resource-provider", "legacy.cts:2 require-resource-provider"],
    },
    {
        name: "a CommonJS shim typed by its declaration file",
        files: { "package.json": "{}", "aws-shim.js": `module.exports = require("@pulumi/aws");\n`, "aws-shim.d.ts": `import aws = require("@pulumi/aws");\nexport = aws;\n`, "index.ts": `import * as aws from "./aws-shim";\nnew aws.s3.Bucket("b");\n` },
        expected: ["index.ts:2 require-resource-provider"],
    },
    {
        name: "a workspace package imported by name, its helper called without a provider",
        files: {
            "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["packages/*"] }),
            "packages/lib/package.json": JSON.stringify({ name: "@acme/lib", main: "src/index.ts" }),
            "packages/lib/src/index.ts": HELPER,
            "packages/app/package.json": JSON.stringify({ name: "app" }),
            "packages/app/index.ts": `import { makeBucket } from "@acme/lib";\nmakeBucket("a");\n`,
        },
        links: { "node_modules/@acme/lib": "packages/lib" },
        expected: ["packages/app/index.ts:2 require-resource-provider"],
    },
    {
        name: "a staged file's call fails even when the helper's file is not linted",
        files: { "package.json": "{}", "helpers.ts": HELPER, "staged.ts": `import { makeBucket } from "./helpers";\nmakeBucket("a");\n` },
        only: ["staged.ts"],
        expected: ["staged.ts:2 require-resource-provider"],
    },
    {
        name: "a staged file instantiating a subclass whose base component lives in another file",
        files: {
            "package.json": "{}",
            "site.ts": `import * as pulumi from "@pulumi/pulumi";\nimport * as aws from "@pulumi/aws";\nexport class Site extends pulumi.ComponentResource {\n  constructor(name: string, opts?: pulumi.ComponentResourceOptions) { super("acme:Site", name, {}, opts); new aws.s3.Bucket(name, {}, { parent: this }); }\n}\n`,
            "index.ts": `import { Site } from "./site";\nclass Blog extends Site {}\nnew Blog("b");\n`,
        },
        only: ["index.ts"],
        expected: ["index.ts:3 require-component-provider"],
    },
    {
        name: "options imported from a package that is not installed are unverifiable, not missing",
        files: { "package.json": "{}", "index.ts": `import * as aws from "@pulumi/aws";\nimport { opts } from "some-uninstalled-lib";\nnew aws.s3.Bucket("b", {}, opts);\n` },
        expected: ["index.ts:3 unverifiable-options"],
    },
    {
        // A library shipped as a bundle with declaration files (as pulumi-aws-guardrails/provider is):
        // what its functions are declared to return is what their calls give.
        name: "an installed library's function declared to return aws.Provider gives a provider (exports types)",
        files: {
            "package.json": "{}",
            "node_modules/acme-accounts/package.json": JSON.stringify({ name: "acme-accounts", exports: { "./providers": { types: "./dist/providers.d.ts", default: "./dist/providers.js" } } }),
            "node_modules/acme-accounts/dist/providers.js": "exports.accountProvider = () => undefined;\n",
            "node_modules/acme-accounts/dist/providers.d.ts": `import type * as aws from "@pulumi/aws";\nexport declare function accountProvider(name?: string): aws.Provider;\nexport declare function maybeProvider(): aws.Provider | undefined;\n`,
            "index.ts": `import * as aws from "@pulumi/aws";\nimport { accountProvider, maybeProvider } from "acme-accounts/providers";\nnew aws.s3.Bucket("ok", {}, { provider: accountProvider() });\nnew aws.s3.Bucket("maybe", {}, { provider: maybeProvider() });\n`,
        },
        expected: ["index.ts:4 require-resource-provider"],
    },
    {
        name: "an installed library typed through typesVersions, or not typed at all",
        files: {
            "package.json": "{}",
            "node_modules/acme-legacy/package.json": JSON.stringify({ name: "acme-legacy", main: "index.js", typesVersions: { "*": { providers: ["types/providers.d.ts"] } } }),
            "node_modules/acme-legacy/types/providers.d.ts": `import type * as pulumi from "@pulumi/pulumi";\nimport type * as aws from "@pulumi/aws";\nexport declare function loose(): pulumi.ProviderResource;\nexport declare function strict(): aws.Provider;\n`,
            "node_modules/acme-untyped/package.json": JSON.stringify({ name: "acme-untyped", main: "index.js" }),
            "index.ts": `import * as aws from "@pulumi/aws";\nimport { loose, strict } from "acme-legacy/providers";\nimport { p } from "acme-untyped";\nnew aws.s3.Bucket("a", {}, { provider: loose() });\nnew aws.s3.Bucket("b", {}, { provider: strict() });\nnew aws.s3.Bucket("c", {}, { provider: p() });\n`,
        },
        only: ["index.ts"],
        expected: ["index.ts:4 unverifiable-options", "index.ts:6 unverifiable-options"],
    },
    {
        name: "a folder whose name starts with a dot is ordinary",
        files: { "package.json": "{}", ".infra/index.ts": `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b");\n` },
        expected: [".infra/index.ts:2 require-resource-provider"],
    },
    {
        name: "SST v3: aws and sst are globals declared by .sst/platform",
        files: {
            "package.json": "{}",
            ".sst/platform/config.d.ts": `import * as _aws from "@pulumi/aws";\nimport * as _sst from "./src/components/index";\ndeclare global {\n  export import aws = _aws;\n  export import sst = _sst;\n}\nexport {};\n`,
            ".sst/platform/src/components/index.ts": `export * as aws from "./aws/index";\n`,
            ".sst/platform/src/components/aws/index.ts": `export * from "./bucket";\n`,
            ".sst/platform/src/components/aws/bucket.ts": `import * as pulumi from "@pulumi/pulumi";\nexport class Bucket extends pulumi.ComponentResource {\n  constructor(name: string, args?: {}, opts?: pulumi.ComponentResourceOptions) { super("sst:aws:Bucket", name, args, opts); }\n}\n`,
            "sst.config.ts": `declare const $config: (c: unknown) => unknown;\nexport default $config({\n  async run() {\n    const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });\n    new aws.s3.Bucket("raw");\n    new sst.aws.Bucket("Uploads");\n    new sst.aws.Bucket("Fine", {}, { provider: dev });\n  },\n});\n`,
        },
        expected: ["sst.config.ts:5 require-resource-provider", "sst.config.ts:6 require-component-provider"],
    },
];

describe("imports and modules the linter follows", () => {
    it.each(cases)("$name", ({ name, files, links, only, expected }) => {
        const dir = write(name.replace(/[^a-z0-9]+/gi, "-"), files, links);
        expect(lint(dir, only).sort()).toEqual([...expected].sort());
    });
});
