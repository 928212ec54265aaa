import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Rule } from "eslint";
import type { RuleMeta } from "../report/rule-meta";
import type { Linter } from "../linter";
import type { Finding } from "../report/model";
import { unverifiableOptions } from "../rules";
import { analysisFor } from "./file-analysis";
import { dataFor } from "./message-data";
import { providerSuggestions, SUGGESTING_RULES } from "./suggestions";

/** Messages every guardrail rule adds to its own. */
const CANNOT_CHECK = "guardrail could not check this file: {{why}}";
const USE_PROVIDER = "Pass { {{property}} }";

/** Where the rules are documented: the README shipped with the package (its `homepage`, if it names one). */
function docsUrl(): string | undefined {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const pkgFile = path.join(dir, "package.json");
        if (fs.existsSync(pkgFile) && fs.existsSync(path.join(dir, "README.md"))) {
            let homepage: unknown;
            try {
                homepage = (JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { homepage?: unknown }).homepage;
            } catch {
                homepage = undefined;
            }
            const base = typeof homepage === "string" ? homepage.replace(/#.*$/, "") : pathToFileURL(path.join(dir, "README.md")).href;
            return `${base}#the-linter-guardrail-lint`;
        }
        if (path.dirname(dir) === dir) {
            return undefined;
        }
    }
}

const DOCS_URL = docsUrl();

/** ESLint wants a location; guardrail gives 1-based lines and columns, ESLint counts columns from 0. */
function locOf(f: Finding): { start: { line: number; column: number }; end: { line: number; column: number } } {
    return { start: { line: f.line, column: f.column - 1 }, end: { line: f.endLine, column: f.endColumn - 1 } };
}

/** The rule's messageId for a finding (unverifiable-options findings carry the id of the rule that raised them). */
function messageIdOf(meta: RuleMeta, f: Finding): string | undefined {
    const ids = Object.keys(meta.messages);
    if (meta.id === unverifiableOptions.id) {
        return "cannotVerify";
    }
    if (f.messageId && ids.includes(f.messageId)) {
        return f.messageId;
    }
    return ids.length === 1 ? ids[0] : undefined;
}

/** Quick fixes for a finding; a fault in working them out never costs the finding itself. */
function suggestionsFor(linter: Linter, f: Finding): Rule.SuggestionReportDescriptor[] {
    let found: ReturnType<typeof providerSuggestions>;
    try {
        found = providerSuggestions(linter, f);
    } catch {
        return [];
    }
    return found.map((s) => ({ messageId: "useProvider", data: { property: s.property }, fix: (fixer) => fixer.replaceTextRange(s.range, s.text) }));
}

/**
 * The ESLint rule of one guardrail rule: same id, description and messages by id. It runs nothing
 * of its own: it reports this rule's share of the file's one analysis (see file-analysis.ts).
 */
export function eslintRule(meta: RuleMeta): Rule.RuleModule {
    const suggests = SUGGESTING_RULES.has(meta.id);
    return {
        meta: {
            type: "problem",
            docs: { description: meta.docs.description, url: DOCS_URL, recommended: true },
            messages: { ...meta.messages, cannotCheck: CANNOT_CHECK, ...(suggests ? { useProvider: USE_PROVIDER } : {}) },
            schema: [],
            ...(suggests ? { hasSuggestions: true } : {}),
        },
        create(context) {
            return {
                Program() {
                    const analysis = analysisFor(context);
                    if (analysis.problem && !analysis.problemReported) {
                        analysis.problemReported = true;
                        context.report({ loc: { line: 1, column: 0 }, messageId: "cannotCheck", data: { why: analysis.problem } });
                    }
                    for (const f of analysis.findings) {
                        if (f.ruleId !== meta.id) {
                            continue;
                        }
                        const messageId = messageIdOf(meta, f);
                        const data = messageId ? dataFor(meta.messages[messageId], f.message) : undefined;
                        const suggest = suggests && analysis.linter ? suggestionsFor(analysis.linter, f) : [];
                        const what = messageId && data ? { messageId, data } : { message: f.message };
                        context.report({ loc: locOf(f), ...what, ...(suggest.length > 0 ? { suggest } : {}) });
                    }
                },
            };
        },
    };
}
