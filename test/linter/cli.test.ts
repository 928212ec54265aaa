import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runGuardrailInProcess } from "../harness/in-process-cli";
import { CLEAN, runGuardrail, scratchProject, VIOLATING } from "./cli-helpers";

const json = (stdout: string) => JSON.parse(stdout) as { findings: Record<string, unknown>[]; summary: Record<string, number> };

describe("guardrail lint: exit codes", () => {
    it("0 on a clean project", () => {
        const dir = scratchProject({ "index.ts": CLEAN });
        const r = runGuardrail(["lint"], dir);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/no problems \(1 file checked\)/);
    });
    it("1 on an error finding", () => {
        const r = runGuardrail(["lint", "."], scratchProject({ "index.ts": VIOLATING }));
        expect(r.code).toBe(1);
    });
    it("0 with warnings only, 1 once they exceed --max-warnings", () => {
        const dir = scratchProject({ "index.ts": `import * as aws from "@pulumi/aws";\nexport const q = (opts: any) => new aws.sqs.Queue("q", {}, opts);\n` });
        expect(runGuardrail(["lint", "."], dir).code).toBe(0);
        expect(runGuardrail(["lint", ".", "--max-warnings", "1"], dir).code).toBe(0);
        const over = runGuardrail(["lint", ".", "--max-warnings", "0"], dir);
        expect(over.code).toBe(1);
        expect(over.stderr).toMatch(/1 warnings, more than --max-warnings 0/);
    });
    it.each([
        { name: "a path that does not exist", args: ["lint", "nope"], message: /no such file or folder: nope/ },
        { name: "an unknown format", args: ["lint", "--format", "xml"], message: /argument 'xml' is invalid/ },
        { name: "a bad --max-warnings", args: ["lint", "--max-warnings", "-1"], message: /must be a whole number/ },
        { name: "an unknown command", args: ["frobnicate"], message: /unknown command 'frobnicate'/ },
        { name: "a folder without TypeScript", args: ["lint", "empty"], message: /no TypeScript files to lint/ },
        { name: "a non-TypeScript file", args: ["lint", "notes.md"], message: /not a TypeScript source file: notes\.md/ },
    ])("2 on $name, with a message and no stack trace", ({ args, message }) => {
        const dir = scratchProject({ "index.ts": CLEAN, "empty/.keep": "", "notes.md": "# hi" });
        const r = runGuardrail(args, dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
    });
});

// From here on the bundled CLI runs in the test worker (test/harness/in-process-cli.ts): these cases
// are about what lint reports, not about the process; the exit-code cases above and the malformed
// package.json case below keep the bin's own process.
describe("guardrail lint: json output", () => {
    it("lists findings with file relative to the working directory and 1-based positions", async () => {
        const dir = scratchProject({ "src/index.ts": VIOLATING });
        const r = await runGuardrailInProcess(["lint", "--format", "json", "src"], dir);
        expect(r.code).toBe(1);
        const out = json(r.stdout);
        expect(out.findings).toEqual([
            {
                ruleId: "require-resource-provider",
                severity: "error",
                file: "src/index.ts",
                line: 2,
                column: 23,
                message: expect.stringMatching(/new aws\.s3\.Bucket\(\.\.\.\) has no explicit provider/),
            },
        ]);
        expect(out.summary).toEqual({ filesLinted: 1, errors: 1, warnings: 0, problems: 0 });
    });
    it("is relative to where guardrail runs, not to the linted folder", async () => {
        const dir = scratchProject({ "a/b/index.ts": VIOLATING });
        const r = await runGuardrailInProcess(["lint", "--format", "json", "b"], path.join(dir, "a"));
        expect(json(r.stdout).findings.map((f) => f.file)).toEqual(["b/index.ts"]);
    });
});

describe("guardrail lint: parse errors", () => {
    it("reports a file with syntax errors as parse-error and still lints the rest", async () => {
        const dir = scratchProject({ "broken.ts": "export const x = ;\n", "index.ts": VIOLATING });
        const r = await runGuardrailInProcess(["lint", "--format", "json"], dir);
        expect(r.code).toBe(1);
        expect(json(r.stdout).findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([
            ["broken.ts", "parse-error", 1],
            ["index.ts", "require-resource-provider", 2],
        ]);
        expect(r.stderr).toBe("");
    });
});

describe("guardrail lint: suppressions", () => {
    const run = async (code: string) => json((await runGuardrailInProcess(["lint", "--format", "json"], scratchProject({ "index.ts": code }))).stdout).findings.map((f) => [f.ruleId, f.line]);

    it("next-line form with a reason suppresses", async () => {
        expect(await run(`import * as aws from "@pulumi/aws";\n// guardrail-ignore-next-line require-resource-provider -- created by the account setup on purpose\nnew aws.s3.Bucket("b");\n`)).toEqual([]);
    });
    it("same-line form with a reason suppresses", async () => {
        expect(await run(`import * as aws from "@pulumi/aws";\naws.getPartition(); // guardrail-ignore-line require-invoke-provider -- partition only\n`)).toEqual([]);
    });
    it("several rules in one comment", async () => {
        expect(await run(`import * as aws from "@pulumi/aws";\n// guardrail-ignore-next-line require-resource-provider, require-invoke-provider -- demo\nnew aws.s3.Bucket("b", { bucket: aws.getRegionOutput().name });\n`)).toEqual([]);
    });
    it("without a reason it suppresses nothing and is reported", async () => {
        expect(await run(`import * as aws from "@pulumi/aws";\n// guardrail-ignore-next-line require-resource-provider\nnew aws.s3.Bucket("b");\n`)).toEqual([
            ["invalid-suppression", 2],
            ["require-resource-provider", 3],
        ]);
    });
    it("naming an unknown rule is reported", async () => {
        expect(await run(`import * as aws from "@pulumi/aws";\n// guardrail-ignore-next-line require-everything -- because\nnew aws.s3.Bucket("b");\n`)).toEqual([
            ["invalid-suppression", 2],
            ["require-resource-provider", 3],
        ]);
    });
    it("an unused suppression is a warning", async () => {
        expect(await run(`// guardrail-ignore-next-line require-resource-provider -- stale\nexport const x = 1;\n`)).toEqual([["unused-suppression", 1]]);
    });
    it("only suppresses the named rule", async () => {
        expect(await run(`import * as aws from "@pulumi/aws";\n// guardrail-ignore-next-line require-invoke-provider -- wrong rule\nnew aws.s3.Bucket("b");\n`)).toEqual([
            ["unused-suppression", 2],
            ["require-resource-provider", 3],
        ]);
    });
    it("a directive inside a string is not a suppression", async () => {
        expect(await run(`import * as aws from "@pulumi/aws";\nconst s = "// guardrail-ignore-line require-resource-provider -- no"; new aws.s3.Bucket("b");\n`)).toEqual([["require-resource-provider", 2]]);
    });
});

describe("guardrail lint: configuration", () => {
    const lintJson = (files: Record<string, string>, args: string[] = []) => runGuardrailInProcess(["lint", "--format", "json", ...args], scratchProject(files));

    it("rule severities from guardrail.config.json", async () => {
        const r = await lintJson({ "index.ts": VIOLATING, "guardrail.config.json": JSON.stringify({ rules: { "require-resource-provider": "warning" } }) });
        expect(r.code).toBe(0);
        expect(json(r.stdout).findings.map((f) => f.severity)).toEqual(["warning"]);
    });
    it("a rule turned off", async () => {
        const r = await lintJson({ "index.ts": VIOLATING, "guardrail.config.json": JSON.stringify({ rules: { "require-resource-provider": "off" } }) });
        expect(json(r.stdout).findings).toEqual([]);
    });
    it("the guardrail key of package.json", async () => {
        const r = await lintJson({ "index.ts": VIOLATING, "package.json": JSON.stringify({ name: "x", guardrail: { exclude: ["index.ts"] } }), "other.ts": VIOLATING });
        expect(json(r.stdout).findings.map((f) => f.file)).toEqual(["other.ts"]);
    });
    it("include and exclude globs", async () => {
        const r = await lintJson({ "src/a.ts": VIOLATING, "test/b.ts": VIOLATING, "guardrail.config.json": JSON.stringify({ include: ["src/**/*.ts", "test/**/*.ts"], exclude: ["test/**"] }) });
        expect(json(r.stdout).findings.map((f) => f.file)).toEqual(["src/a.ts"]);
    });
    it("extra packages treated like aws", async () => {
        const code = `import * as awsx from "@pulumi/awsx";\nnew awsx.ec2.Vpc("v");\n`;
        expect(json((await lintJson({ "index.ts": code })).stdout).findings).toEqual([]);
        expect(json((await lintJson({ "index.ts": code, "guardrail.config.json": JSON.stringify({ packages: ["awsx"] }) })).stdout).findings.map((f) => f.ruleId)).toEqual(["require-resource-provider"]);
    });
    it("invoke tokens allowed on the default provider", async () => {
        const code = `import * as aws from "@pulumi/aws";\naws.getPartition();\naws.getRegion();\n`;
        const r = await lintJson({ "index.ts": code, "guardrail.config.json": JSON.stringify({ allowDefaultProviderInvokes: ["aws:index/getPartition:getPartition"] }) });
        expect(json(r.stdout).findings.map((f) => f.line)).toEqual([3]);
    });
    it.each([
        { name: "a package.json without the key is passed over for the repository's config file", inner: { name: "dev" }, severity: ["warning"] },
        { name: "the nearest package.json with the key wins", inner: { name: "dev", guardrail: { rules: { "require-resource-provider": "off" } } }, severity: [] },
    ])("found from a subfolder, upwards: $name", async ({ inner, severity }) => {
        const dir = scratchProject({
            "guardrail.config.json": JSON.stringify({ rules: { "require-resource-provider": "warning" } }),
            "stacks/dev/package.json": JSON.stringify(inner),
            "stacks/dev/index.ts": VIOLATING,
        });
        const r = await runGuardrailInProcess(["lint", "--format", "json"], path.join(dir, "stacks/dev"));
        expect(r.stderr).toBe("");
        expect(json(r.stdout).findings.map((f) => f.severity)).toEqual(severity);
    });
    it("a malformed package.json on the way up is an error naming it", () => {
        const dir = scratchProject({ "guardrail.config.json": "{}", "stacks/dev/package.json": "{ nope", "stacks/dev/index.ts": CLEAN });
        const r = runGuardrail(["lint"], path.join(dir, "stacks/dev"));
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/stacks\/dev\/package\.json is not valid JSON/);
        expect(r.stderr).not.toMatch(/\n\s+at /);
    });
    it("--config names the file", async () => {
        const r = await lintJson({ "index.ts": VIOLATING, "ci/strict.json": JSON.stringify({ rules: { "require-resource-provider": "off" } }) }, ["--config", "ci/strict.json"]);
        expect(json(r.stdout).findings).toEqual([]);
    });
    it.each([
        { name: "unknown key", config: { rule: {} }, message: /unknown key "rule"/ },
        { name: "unknown rule", config: { rules: { "require-everything": "error" } }, message: /unknown rule "require-everything"/ },
        { name: "bad severity", config: { rules: { "require-resource-provider": "fatal" } }, message: /rules\.require-resource-provider: must be "error", "warning" or "off"/ },
        { name: "bad invoke token", config: { allowDefaultProviderInvokes: ["aws.getPartition"] }, message: /must be an invoke token/ },
        { name: "bad package name", config: { packages: ["@pulumi/awsx"] }, message: /without @pulumi\// },
        { name: "unknown key under preview", config: { preview: { pack: "policypack" } }, message: /preview: unknown key "pack" \(allowed: policyPack, policyPackConfig\)/ },
        { name: "not JSON", config: "{ nope", message: /guardrail\.config\.json is not valid JSON/ },
    ])("rejects $name with exit 2", async ({ config, message }) => {
        const r = await runGuardrailInProcess(["lint"], scratchProject({ "index.ts": CLEAN, "guardrail.config.json": typeof config === "string" ? config : JSON.stringify(config) }));
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stdout).toBe("");
    });
});

describe("guardrail lint: files", () => {
    it("skips node_modules, declaration files and the tsconfig's build output, and nothing else by name", async () => {
        const dir = scratchProject({
            "index.ts": CLEAN,
            "node_modules/x/index.ts": VIOLATING,
            "types.d.ts": VIOLATING,
            "out-custom/index.ts": VIOLATING,
            "tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "out-custom" } }),
            // A folder called build/ or .infra/ can hold a Pulumi program: it is linted.
            "build/index.ts": CLEAN,
            ".infra/index.ts": VIOLATING,
        });
        const r = await runGuardrailInProcess(["lint", "--format", "json"], dir);
        expect(json(r.stdout).findings.map((f) => f.file)).toEqual([".infra/index.ts"]);
        expect(json(r.stdout).summary.filesLinted).toBe(3);
    });
});

describe("guardrail lint: stylish and github output", () => {
    it("stylish shows position, rule, message, a code frame and a summary", async () => {
        const r = await runGuardrailInProcess(["lint"], scratchProject({ "index.ts": VIOLATING }));
        expect(r.stdout).toContain("index.ts:2:23  error  new aws.s3.Bucket(...) has no explicit provider");
        expect(r.stdout).toContain("require-resource-provider");
        expect(r.stdout).toMatch(/> 2 \| export const bucket = new aws\.s3\.Bucket\("site"\);\n\s+\|\s+\^/);
        expect(r.stdout).toMatch(/1 problem \(1 error, 0 warnings\) in 1 file checked/);
    });
    it("github writes workflow annotations with escaped properties", async () => {
        const r = await runGuardrailInProcess(["lint", "--format", "github"], scratchProject({ "dir,with:odd/index.ts": VIOLATING }));
        expect(r.stdout.split("\n")[0]).toMatch(/^::error file=dir%2Cwith%3Aodd\/index\.ts,line=2,col=23,endLine=2,endColumn=\d+,title=guardrail require-resource-provider::new aws\.s3\.Bucket/);
    });
    it("--output-file writes the report and keeps stdout quiet", async () => {
        const dir = scratchProject({ "index.ts": VIOLATING });
        const r = await runGuardrailInProcess(["lint", "--format", "json", "--output-file", "reports/guardrail.json"], dir);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe("");
        expect(json(fs.readFileSync(path.join(dir, "reports/guardrail.json"), "utf8")).findings).toHaveLength(1);
    });
});

describe("the bundled programs", () => {
    it("guardrail lint workloads bootstrap is clean", () => {
        const r = runGuardrail(["lint", "workloads", "bootstrap", "--format", "json", "--max-warnings", "0"], path.resolve(__dirname, "../.."));
        expect(json(r.stdout).findings).toEqual([]);
        expect(json(r.stdout).summary.filesLinted).toBeGreaterThan(10);
        expect(r.code).toBe(0);
    });
});
