/**
 * The plugin as users get it and as editors run it: the package is packed (npm pack) and unpacked
 * into a scratch project's node_modules, whose eslint.config.mjs imports
 * `pulumi-aws-guardrails/eslint`; ESLint 10 and 9 are driven through their Node API (what the VS
 * Code extension calls), in a child process for a one-off run and in this process for a long-lived
 * instance that sees other files change on disk.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ESLint as ESLint10 } from "eslint";
import { ESLint as ESLint9 } from "eslint9";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, writeFiles } from "./scratch";

const AWS = `import * as aws from "@pulumi/aws";\n`;
const PROVIDERS = `${AWS}export const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }], allowedAccountIds: ["222222222222"] });\n`;
const LIB = (opts: string) => `${AWS}import * as pulumi from "@pulumi/pulumi";
import { dev } from "./providers";

export function queue(name: string, opts: pulumi.CustomResourceOptions): aws.sqs.Queue {
    return new aws.sqs.Queue(name, {}, ${opts});
}
`;
const LIB_OK = LIB("{ ...opts, provider: dev }");
const LIB_DROPS_PROVIDER = LIB("opts");
const INDEX = `${AWS}import { dev } from "./providers";
import { queue } from "./lib";

export const logs = new aws.s3.Bucket("logs");
export const jobs = queue("jobs", { protect: false });
export const whoami = aws.getCallerIdentityOutput();
const ambient = new aws.Provider("ambient", { region: "ap-southeast-2" });
// guardrail-ignore-next-line require-resource-provider -- the state bucket is the management account's
export const state = new aws.s3.Bucket("state");
`;
/** JavaScript syntax only: what ESLint's default parser reads in a .ts file. */
const PLAIN = `${AWS}import { dev } from "./providers";\nexport const topic = new aws.sns.Topic("alerts");\n`;
const TYPED_PARSER = `import tseslint from "typescript-eslint";\nimport guardrail from "pulumi-aws-guardrails/eslint";\n`;

const PROJECT = {
    "package.json": JSON.stringify({ name: "app", private: true, type: "commonjs" }),
    "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true, noEmit: true }, include: ["*.ts"] }),
    "eslint.config.mjs": `${TYPED_PARSER}export default [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }, guardrail.configs.recommended];\n`,
    "eslint.default-parser.config.mjs": `import guardrail from "pulumi-aws-guardrails/eslint";\nexport default [guardrail.configs.recommended];\n`,
    "eslint.pulumi.config.mjs": `${TYPED_PARSER}import pulumi from "@pulumi/eslint-plugin";
export default [
    { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
    { files: ["**/*.ts"], plugins: { pulumi }, rules: { "pulumi/no-output-in-template-literal": "error" } },
    guardrail.configs.recommended,
];
`,
    "providers.ts": PROVIDERS,
    "lib.ts": LIB_OK,
    "index.ts": INDEX,
    "plain.ts": PLAIN,
};

/** What index.ts gets with LIB_OK: [rule, line, column, suggestions' descriptions]. */
const INDEX_FINDINGS = [
    ["guardrail/require-resource-provider", 5, 21, ["Pass { provider: dev }"]],
    ["guardrail/require-invoke-provider", 7, 23, ["Pass { provider: dev }"]],
    ["guardrail/require-provider-assume-role", 8, 17, []],
];
const VIA_CALL = ["guardrail/require-resource-provider", 6, 21, []];

let work: string;
let unpacked: string;

beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-eslint-api-"));
    // The package as npm ships it (its `files`), built by the test setup.
    const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as { filename: string }[];
    execFileSync("tar", ["-xzf", path.join(work, packed.filename), "-C", work]);
    unpacked = path.join(work, "package");
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let projects = 0;
/** A scratch project: its node_modules has the unpacked package and, linked, what the repository installed. */
function makeProject(files: Record<string, string> = PROJECT): string {
    const dir = path.join(work, `project-${++projects}`);
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(modules, { recursive: true });
    for (const entry of fs.readdirSync(path.join(REPO, "node_modules"))) {
        fs.symlinkSync(path.join(REPO, "node_modules", entry), path.join(modules, entry));
    }
    fs.cpSync(unpacked, path.join(modules, "pulumi-aws-guardrails"), { recursive: true });
    writeFiles(dir, files);
    return dir;
}

type Row = [string | null, number, number, string[]];

function rows(messages: ESLint10.LintResult["messages"]): Row[] {
    return messages.map((m) => [m.ruleId, m.line, m.column, (m.suggestions ?? []).map((s) => s.desc)]);
}

const VERSIONS = [
    ["10", ESLint10, "eslint"],
    ["9", ESLint9 as unknown as typeof ESLint10, "eslint9"],
] as const;

describe.each(VERSIONS)("ESLint %s through its Node API", (version, ESLint, packageName) => {
    it("reports exactly what guardrail lint reports, with the suggestions", () => {
        const dir = makeProject();
        const eslint = spawnSync(process.execPath, [path.join(__dirname, "eslint-api-run.cjs"), path.join(REPO, "node_modules", packageName), "index.ts", "lib.ts", "providers.ts", "plain.ts"], { cwd: dir, encoding: "utf8" });
        expect(eslint.stderr).toBe("");
        const results = JSON.parse(eslint.stdout) as { file: string; messages: { ruleId: string; line: number; column: number; message: string; suggestions: { desc: string; fix: { range: [number, number]; text: string } }[] }[] }[];
        const cli = spawnSync(process.execPath, [path.join(dir, "node_modules/pulumi-aws-guardrails/linter/bin/guardrail.js"), "lint", "--format", "json", "index.ts", "lib.ts", "providers.ts", "plain.ts"], { cwd: dir, encoding: "utf8" });
        expect(cli.status).toBe(1);
        const fromCli = (JSON.parse(cli.stdout) as { findings: { ruleId: string; file: string; line: number; column: number; message: string }[] }).findings;
        const fromEslint = results.flatMap((r) => r.messages.map((m) => ({ ruleId: m.ruleId.replace(/^guardrail\//, ""), file: r.file, line: m.line, column: m.column, message: m.message })));
        const key = (f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`;
        expect([...fromEslint].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...fromCli].map(({ ruleId, file, line, column, message }) => ({ ruleId, file, line, column, message })).sort((a, b) => key(a).localeCompare(key(b))));
        expect(fromEslint).toHaveLength(4);

        const index = results.find((r) => r.file === "index.ts")!;
        expect(index.messages.map((m) => [m.ruleId, m.line, m.column, m.suggestions.map((s) => s.desc)])).toEqual(INDEX_FINDINGS);
        const bucket = index.messages[0].suggestions[0].fix;
        const text = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
        expect(text.slice(0, bucket.range[0]) + bucket.text + text.slice(bucket.range[1])).toContain(`new aws.s3.Bucket("logs", {}, { provider: dev });`);
    });

    it("keeps one instance that sees other files change on disk, and the editor's unsaved text", async () => {
        const dir = makeProject();
        const eslint = new ESLint({ cwd: dir });
        const lint = async (file: string) => rows((await eslint.lintFiles([file]))[0].messages);

        expect(await lint("index.ts")).toEqual(INDEX_FINDINGS);
        // Another file changes on disk: the helper stops passing the provider.
        fs.writeFileSync(path.join(dir, "lib.ts"), LIB_DROPS_PROVIDER);
        expect(await lint("index.ts")).toEqual([INDEX_FINDINGS[0], VIA_CALL, INDEX_FINDINGS[1], INDEX_FINDINGS[2]]);
        // The editor's buffer of index.ts (unsaved) passes a provider at that call.
        const edited = INDEX.replace(`queue("jobs", { protect: false })`, `queue("jobs", { protect: false, provider: dev })`);
        expect(rows((await eslint.lintText(edited, { filePath: path.join(dir, "index.ts") }))[0].messages)).toEqual(INDEX_FINDINGS);
        // Back on disk as it was.
        fs.writeFileSync(path.join(dir, "lib.ts"), LIB_OK);
        expect(await lint("index.ts")).toEqual(INDEX_FINDINGS);

        // A new file that calls a helper is found; removing it is seen too.
        const helper = `${AWS}export function topic(name, opts) { return new aws.sns.Topic(name, {}, opts); }\n`;
        fs.writeFileSync(path.join(dir, "helper.ts"), helper);
        expect(await lint("helper.ts")).toEqual([["guardrail/unverifiable-options", 2, 44, []]]);
        fs.writeFileSync(path.join(dir, "caller.ts"), `import { dev } from "./providers";\nimport { topic } from "./helper";\ntopic("t", { provider: dev });\n`);
        expect(await lint("helper.ts")).toEqual([]);
        fs.rmSync(path.join(dir, "caller.ts"));
        expect(await lint("helper.ts")).toEqual([["guardrail/unverifiable-options", 2, 44, []]]);

        // guardrail.config.json is read for each lint: an allow-listed invoke, then a broken file.
        fs.writeFileSync(path.join(dir, "guardrail.config.json"), JSON.stringify({ allowDefaultProviderInvokes: ["aws:index/getCallerIdentity:getCallerIdentity"] }));
        expect(await lint("index.ts")).toEqual([INDEX_FINDINGS[0], INDEX_FINDINGS[2]]);
        fs.writeFileSync(path.join(dir, "guardrail.config.json"), JSON.stringify({ packages: ["AWS"] }));
        const [broken] = await eslint.lintFiles(["index.ts"]);
        expect(broken.messages.map((m) => [m.ruleId, m.line, m.severity, m.message])).toEqual([
            [
                "guardrail/require-resource-provider",
                1,
                2,
                "guardrail could not check this file: invalid guardrail configuration in guardrail.config.json:\n  - packages.0: must be a Pulumi package name without @pulumi/, such as aws-native",
            ],
        ]);
    });

    it("works with ESLint's default parser on TypeScript files written in JavaScript syntax", async () => {
        const dir = makeProject();
        const eslint = new ESLint({ cwd: dir, overrideConfigFile: "eslint.default-parser.config.mjs" });
        const [plain, typed] = await eslint.lintFiles(["plain.ts", "lib.ts"]);
        expect(rows(plain.messages)).toEqual([["guardrail/require-resource-provider", 3, 22, ["Pass { provider: dev }"]]]);
        // Type syntax is ESLint's parser's own error, before any rule runs.
        expect(typed.messages.map((m) => [m.ruleId, m.fatal])).toEqual([[null, true]]);
    });

    it(
        "runs beside @pulumi/eslint-plugin's type-aware rules in one config",
        async () => {
            // A folder of its own (tsconfig) importing only @pulumi/pulumi keeps the type checker's program small.
            const dir = makeProject({
                ...PROJECT,
                "typed/tsconfig.json": PROJECT["tsconfig.json"],
                "typed/outputs.ts": `import * as pulumi from "@pulumi/pulumi";
export class Site extends pulumi.ComponentResource {
    constructor(name: string, args: object, opts?: pulumi.ComponentResourceOptions) {
        super("x:web:Site", name, opts);
    }
}
const name = pulumi.output("site");
export const url = \`https://\${name}.example.com\`;
`,
            });
            const eslint = new ESLint({ cwd: dir, overrideConfigFile: "eslint.pulumi.config.mjs" });
            const [result] = await eslint.lintFiles(["typed/outputs.ts"]);
            expect(rows(result.messages)).toEqual([
                ["guardrail/component-forwards-options", 4, 9, []],
                ["pulumi/no-output-in-template-literal", 8, 20, []],
            ]);
        },
        120_000,
    );

    it("flags .mts and .cts files, and leaves .js files alone", async () => {
        const dir = makeProject({ ...PROJECT, "a.mts": PLAIN, "b.cts": PLAIN, "c.js": PLAIN });
        const eslint = new ESLint({ cwd: dir, overrideConfigFile: "eslint.default-parser.config.mjs" });
        const results = await eslint.lintFiles(["a.mts", "b.cts", "c.js"]);
        expect(results.map((r) => [path.basename(r.filePath), rows(r.messages).map((m) => m[0])])).toEqual([
            ["a.mts", ["guardrail/require-resource-provider"]],
            ["b.cts", ["guardrail/require-resource-provider"]],
            ["c.js", []],
        ]);
    });

    it(`is ESLint ${version}`, () => {
        expect(ESLint.version.split(".")[0]).toBe(version);
    });
});
