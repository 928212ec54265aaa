import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { SourceHost } from "../../linter/src/analysis/project-sources";
import { DEFAULT_SETTINGS, Finding, Linter, LintSettings } from "../../linter/src/linter";
import type { RuleModule } from "../../linter/src/rules/rule";
import { SdkRegistry } from "../../linter/src/sdk/registry";

/** A table-driven tester in the typescript-eslint manner, on an in-memory project. */

export const PROJECT = "/project";
export const MAIN = path.join(PROJECT, "index.ts");

export interface ValidCase {
    name: string;
    code: string;
    /** Other files of the project, by path relative to it. */
    files?: Record<string, string>;
    settings?: Partial<LintSettings>;
}

export interface ExpectedError {
    /** A messageId of the rule, or "unverifiable" for an `unverifiable-options` warning from it. */
    messageId: string;
    line: number;
    column?: number;
    /** In which file, relative to the project (default index.ts). */
    file?: string;
    message?: RegExp;
}

export interface InvalidCase extends ValidCase {
    errors: ExpectedError[];
}

export function memoryHost(files: Record<string, string>): SourceHost {
    const abs = new Map(Object.entries(files).map(([f, text]) => [path.resolve(PROJECT, f), text]));
    abs.set(path.join(PROJECT, "package.json"), "{}");
    return {
        readFile: (file) => abs.get(path.resolve(file)),
        listSourceFiles: (dir) => [...abs.keys()].filter((f) => f.startsWith(dir + path.sep) && /\.(ts|tsx|mts|cts)$/.test(f) && !/\.d\.ts$/.test(f)).sort(),
    };
}

/** The repository's installed SDKs, learnt once per test file (the in-memory project has no node_modules). */
const REPO = path.resolve(__dirname, "../..");
const registry = new SdkRegistry({ fallbackDir: REPO });

export function lintProject(code: string, files: Record<string, string> = {}, settings: Partial<LintSettings> = {}): Finding[] {
    const linter = new Linter({ ...DEFAULT_SETTINGS, ...settings }, memoryHost({ ...files, "index.ts": code }), undefined, { registry });
    return linter.lintFiles([MAIN, ...Object.keys(files).map((f) => path.join(PROJECT, f))]);
}

/** The findings that belong to `rule`: its own and the unverifiable-options warnings it raised. */
function findingsOf(rule: RuleModule, findings: Finding[]) {
    return findings
        .filter((f) => f.ruleId === rule.id || (f.ruleId === "unverifiable-options" && f.messageId === rule.id))
        .map((f) => ({
            messageId: f.ruleId === "unverifiable-options" ? "unverifiable" : f.messageId,
            line: f.line,
            column: f.column,
            file: path.relative(PROJECT, f.file),
            message: f.message,
        }));
}

export function ruleTester(rule: RuleModule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    describe(rule.id, () => {
        describe("valid", () => {
            it.each(cases.valid)("$name", ({ code, files, settings }) => {
                expect(findingsOf(rule, lintProject(code, files, settings))).toEqual([]);
            });
        });
        describe("invalid", () => {
            it.each(cases.invalid)("$name", ({ code, files, settings, errors }) => {
                const got = findingsOf(rule, lintProject(code, files, settings));
                expect(got.map(({ messageId, line, file }) => ({ messageId, line, file }))).toEqual(
                    errors.map((e) => ({ messageId: e.messageId, line: e.line, file: e.file ?? "index.ts" })),
                );
                errors.forEach((e, i) => {
                    if (e.column !== undefined) {
                        expect(got[i].column).toBe(e.column);
                    }
                    if (e.message) {
                        expect(got[i].message).toMatch(e.message);
                    }
                });
            });
        });
    });
}
