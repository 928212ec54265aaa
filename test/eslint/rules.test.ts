/**
 * Every plugin rule through ESLint's own RuleTester (ESLint 10 and 9), with typescript-eslint's
 * parser and with ESLint's default parser (cases without type syntax): valid and invalid cases, and
 * the exact output of every suggestion. The linted file exists only as ESLint's text (an unsaved
 * buffer); the other files of a case are on disk.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Linter, Rule } from "eslint";
import { Linter as ESLintLinter, RuleTester as RuleTester10 } from "eslint";
import { RuleTester as RuleTester9 } from "eslint9";
import tseslint from "typescript-eslint";
import { afterAll, describe, expect, it } from "vitest";
import { plugin } from "../../linter/src/eslint/plugin";
import { caseProjects, scratchRoot } from "./scratch";
import { TABLES, TableCase } from "./rule-tables";

const root = scratchRoot("eslint-rules");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const project = caseProjects(root);

/** Each case's files, written once and shared by every run of it. */
const filenames = new Map<TableCase, string>();
function filenameOf(c: TableCase): string {
    let file = filenames.get(c);
    if (!file) {
        file = path.join(project(c.files), c.filename ?? "index.ts");
        filenames.set(c, file);
    }
    return file;
}

interface Tester {
    run(name: string, rule: Rule.RuleModule, tests: { valid: unknown[]; invalid: unknown[] }): void;
}

function run(version: string, RuleTester: (new (config: Linter.Config) => Tester) & { describe: unknown; it: unknown }, parserName: "typescript-eslint" | "default"): void {
    RuleTester.describe = describe;
    RuleTester.it = it;
    const tester = new RuleTester(parserName === "typescript-eslint" ? { languageOptions: { parser: tseslint.parser } } : {});
    describe(`ESLint ${version}, ${parserName} parser`, () => {
        for (const [id, table] of Object.entries(TABLES)) {
            // The default parser reads JavaScript only: the cases without type syntax.
            const usable = (c: TableCase) => parserName === "typescript-eslint" || !c.types;
            tester.run(`guardrail/${id}`, plugin.rules![id] as Rule.RuleModule, {
                valid: table.valid.filter(usable).map((c) => ({ name: c.name, code: c.code, filename: filenameOf(c) })),
                invalid: table.invalid.filter(usable).map((c) => ({ name: c.name, code: c.code, filename: filenameOf(c), errors: c.errors })),
            });
        }
    });
}

run("10", RuleTester10 as never, "typescript-eslint");
run("10", RuleTester10 as never, "default");
run("9", RuleTester9 as never, "typescript-eslint");
run("9", RuleTester9 as never, "default");

describe("the tables", () => {
    it("cover every rule of the plugin", () => {
        expect(Object.keys(TABLES).sort()).toEqual(Object.keys(plugin.rules!).sort());
    });
});

/** A suggestion is a fix: with it applied, the finding it was offered for is gone. */
describe("every suggestion fixes its finding", () => {
    type Expected = { line: number; suggestions?: { output: string }[] };
    const offered = Object.entries(TABLES).flatMap(([id, table]) =>
        table.invalid.flatMap((c) => (c.errors as Expected[]).flatMap((e) => (e.suggestions ?? []).map((s, i) => ({ id, c, line: e.line, output: s.output, name: `${id}: ${c.name} (#${i + 1})` })))),
    );
    it.each(offered)("$name", ({ id, c, line, output }) => {
        const config: Linter.Config[] = [{ files: ["**/*.ts"], plugins: { guardrail: plugin }, languageOptions: { parser: tseslint.parser }, rules: { [`guardrail/${id}`]: "error" } }];
        const messages = new ESLintLinter({ cwd: path.dirname(filenameOf(c)) }).verify(output, config, filenameOf(c));
        expect(messages.filter((m) => m.line === line).map((m) => m.message)).toEqual([]);
    });
    it("are offered somewhere in every suggesting rule", () => {
        expect([...new Set(offered.map((o) => o.id))].sort()).toEqual(["require-component-provider", "require-invoke-provider", "require-resource-provider"]);
    });
});

/**
 * parse-error through ESLint: ESLint's own parsers reject what TypeScript cannot parse before any
 * rule runs, so a parser that accepts anything stands in for one that disagrees with TypeScript.
 */
const lenientParser = {
    meta: { name: "lenient" },
    parseForESLint(code: string) {
        const lines = code.split("\n");
        const loc = { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines[lines.length - 1].length } };
        return { ast: { type: "Program", body: [], sourceType: "module", range: [0, code.length], loc, tokens: [], comments: [] } };
    },
};
for (const [version, RuleTester] of [["10", RuleTester10], ["9", RuleTester9]] as const) {
    (RuleTester as unknown as { describe: unknown; it: unknown }).describe = describe;
    (RuleTester as unknown as { describe: unknown; it: unknown }).it = it;
    describe(`ESLint ${version}, a parser that accepts what TypeScript does not`, () => {
        new RuleTester({ languageOptions: { parser: lenientParser } } as never).run("guardrail/parse-error", plugin.rules!["parse-error"] as never, {
            valid: [{ code: `const a = 1;`, filename: filenameOf({ name: "parses", code: "" }) }],
            invalid: [{ code: `const a = ;`, filename: filenameOf({ name: "broken", code: "" }), errors: [{ messageId: "syntaxError", line: 1, column: 11, data: { text: "Expression expected", more: "" } }] }],
        });
    });
}
