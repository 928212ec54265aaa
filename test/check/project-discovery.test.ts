import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../linter/src/config";
import { findPulumiProjects } from "../../linter/src/preview/project-discovery";
import { TEST_ROOT, TEST_TMP } from "../harness/under-test";
import { runGuardrailAsync } from "./run-async";

/** A program with nothing to deploy: previewing it costs a program run and a pack start, no more. */
function writeProgram(dir: string, name: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, main: "index.ts" }));
    fs.writeFileSync(path.join(dir, "index.ts"), "export const answer = 42;\n");
}

const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
};

/**
 * A repository laid out the way a user's may be. Previewed: projects in folders whose names look
 * like output (build/, out/, state/) and in a dot-folder. Left out silently: the outDir of the
 * root tsconfig, of a nested one and of one that inherits it through `extends`, what `exclude`
 * names, and node_modules. Left out but named: what a .gitignore hides.
 */
let repo: string;
beforeAll(() => {
    fs.mkdirSync(TEST_TMP, { recursive: true });
    repo = fs.mkdtempSync(path.join(TEST_TMP, "check-layout-"));
    fs.mkdirSync(path.join(repo, ".git")); // its own repository: its .gitignore is the top one
    write(path.join(repo, ".gitignore"), "generated/\n");
    write(path.join(repo, "tsconfig.json"), JSON.stringify({ compilerOptions: { outDir: "compiled" } }));
    write(path.join(repo, "nested/tsconfig.json"), JSON.stringify({ compilerOptions: { outDir: "lib" } }));
    write(path.join(repo, "ext/tsconfig.base.json"), JSON.stringify({ compilerOptions: { outDir: "built" } }));
    write(path.join(repo, "ext/tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base.json" }));
    write(path.join(repo, "guardrail.config.json"), JSON.stringify({ exclude: ["excluded/**"], preview: { policyPack: path.join(TEST_ROOT, "test/fixtures/noop-policypack") } }));
    for (const folder of ["build", "out", "state", ".infra", "compiled", "nested/lib", "ext/built", "excluded", "generated", "node_modules/some-package"]) {
        writeProgram(path.join(repo, folder, "app"), `${folder.replace(/[^a-z]/g, "")}-app`);
    }
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

const config = () => resolveConfig({ exclude: ["excluded/**"] }, "guardrail.config.json", repo);

describe("which Pulumi projects guardrail check previews", () => {
    it("previews projects in build/, out/, state/ and dot-folders; skips build output and exclude silently, and names what .gitignore hides", () => {
        const found = findPulumiProjects(["."], repo, config());
        expect(found.projects.map((p) => path.relative(repo, p))).toEqual([".infra/app", "build/app", "out/app", "state/app"]);
        expect(found.skipped).toEqual(["generated/app: a Pulumi project ignored by .gitignore, not previewed (name its folder to check it)"]);
    });

    it("a folder named on the command line is previewed even if a .gitignore hides it, and is still subject to exclude", () => {
        expect(findPulumiProjects(["generated/app"], repo, config()).projects).toEqual([path.join(repo, "generated/app")]);
        expect(findPulumiProjects(["excluded/app"], repo, config()).projects).toEqual([]);
    });

    it("build output counts from the folder named: a project inside the outDir of a tsconfig above it is previewed when named", () => {
        expect(findPulumiProjects(["compiled"], repo, config()).projects).toEqual([path.join(repo, "compiled/app")]);
        expect(findPulumiProjects(["nested"], repo, config()).projects).toEqual([]);
    });

    it("the CLI previews what it finds and names the skipped project in its report", async () => {
        // One stack is enough to see the wiring (each costs a program run and a pack start): the
        // others are left out by a second configuration's exclude.
        const narrow = { exclude: ["excluded/**", "build/**", "out/**", ".infra/**"], preview: { policyPack: path.join(TEST_ROOT, "test/fixtures/noop-policypack") } };
        write(path.join(repo, "ci/guardrail.json"), JSON.stringify(narrow));
        const r = await runGuardrailAsync(["check", "--config", "ci/guardrail.json", "--format", "json"], repo);
        expect(r.stderr).toBe("");
        const out = JSON.parse(r.stdout) as { summary: Record<string, number>; skipped?: string[] };
        expect(out.summary).toMatchObject({ stacksPreviewed: 1, errors: 0, problems: 0 });
        expect(out.skipped).toEqual([expect.stringMatching(/^generated\/app: a Pulumi project ignored by \.gitignore/)]);
        expect(r.code).toBe(0);
    }, 120_000);
});
