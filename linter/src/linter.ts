import * as path from "node:path";
import { ts } from "@ts-morph/common";
import type { Creation } from "./analysis/aws-targets";
import { EntityResolver } from "./analysis/entities";
import { ObjectFactsEvaluator } from "./analysis/object-facts";
import { ParsedFile, ProjectSources, SourceHost, diskHost } from "./analysis/project-sources";
import { ProviderReach } from "./analysis/provider-reach";
import type { Finding, Severity } from "./report/model";
import { formatMessage, messageOf } from "./report/rule-meta";
import { CHECK_RULES, invalidSuppression, parseError, RULES_BY_ID, unusedSuppression, unverifiableOptions } from "./rules";
import type { RuleContext } from "./rules/rule";
import { parseSuppressions } from "./suppressions";

export type { Finding, Severity } from "./report/model";

export interface LintSettings {
    /** Severity per rule id; "off" disables. Missing ids use the rule's default. */
    rules: Record<string, Severity | "off">;
    /** Pulumi packages (without `@pulumi/`) whose classes and functions reach AWS. */
    packages: string[];
    /** Invoke tokens allowed on the default provider, e.g. `aws:index/getPartition:getPartition`. */
    allowDefaultProviderInvokes: string[];
}

export const DEFAULT_PACKAGES = ["aws", "aws-native"];

export const DEFAULT_SETTINGS: LintSettings = { rules: {}, packages: DEFAULT_PACKAGES, allowDefaultProviderInvokes: [] };

/** Decides, for the rare cases the syntax cannot, whether a value's type requires one of `keys` (`--typed`). */
export interface TypedOracle {
    requiresOneOf(node: ts.Node, keys: readonly string[]): boolean;
}

export interface LintRun {
    files: string[];
    settings: LintSettings;
    host?: SourceHost;
    typed?: TypedOracle;
}

function severityOf(ruleId: string, settings: LintSettings): Severity | "off" {
    return settings.rules[ruleId] ?? RULES_BY_ID.get(ruleId)?.defaultSeverity ?? "error";
}

function position(file: ParsedFile, node: ts.Node): Pick<Finding, "line" | "column" | "endLine" | "endColumn"> {
    const start = file.source.getLineAndCharacterOfPosition(node.getStart(file.source));
    const end = file.source.getLineAndCharacterOfPosition(node.getEnd());
    return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

function collectCreations(source: ts.SourceFile, reach: ProviderReach): Creation[] {
    const out: Creation[] = [];
    const visit = (node: ts.Node): void => {
        if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
            const creation = reach.classify(node);
            if (creation) {
                out.push(creation);
            }
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return out;
}

/**
 * Lints files with the syntax tree only: imports, scopes and options are followed by hand, which is
 * what keeps a 2,000-file program well under the type checker's cost (see the README's numbers).
 */
export class Linter {
    readonly sources: ProjectSources;
    private readonly reach: ProviderReach;
    private readonly facts: ObjectFactsEvaluator;
    private readonly knownRules: ReadonlySet<string>;

    constructor(
        readonly settings: LintSettings = DEFAULT_SETTINGS,
        host: SourceHost = diskHost,
        private readonly typed?: TypedOracle,
    ) {
        this.sources = new ProjectSources(host);
        const resolver = new EntityResolver(this.sources, settings.packages);
        this.facts = new ObjectFactsEvaluator(resolver);
        this.reach = new ProviderReach(resolver, this.facts);
        this.knownRules = new Set(RULES_BY_ID.keys());
    }

    lintFiles(files: string[]): Finding[] {
        return files.flatMap((f) => this.lintFile(f));
    }

    lintFile(fileName: string): Finding[] {
        const file = this.sources.get(path.resolve(fileName));
        if (!file) {
            throw new Error(`cannot read ${fileName}`);
        }
        const findings: Finding[] = [];
        const push = (ruleId: string, node: ts.Node | { line: number; column: number }, message: string, messageId?: string) => {
            const severity = severityOf(ruleId, this.settings);
            if (severity === "off") {
                return;
            }
            const where =
                "kind" in node ? position(file, node) : { line: node.line, column: node.column, endLine: node.line, endColumn: node.column };
            findings.push({ ruleId, severity, file: file.file, message, messageId, ...where });
        };

        if (file.syntaxErrors.length > 0) {
            const first = file.syntaxErrors[0];
            const { line, character } = file.source.getLineAndCharacterOfPosition(first.start);
            const text = ts.flattenDiagnosticMessageText(first.messageText, " ").replace(/\.$/, "");
            const more = file.syntaxErrors.length > 1 ? ` (and ${file.syntaxErrors.length - 1} more)` : "";
            push(parseError.id, { line: line + 1, column: character + 1 }, messageOf(parseError, "syntaxError", { text, more }), "syntaxError");
            return findings;
        }

        const creations = collectCreations(file.source, this.reach);
        for (const rule of CHECK_RULES) {
            if (severityOf(rule.id, this.settings) === "off" || !rule.check) {
                continue;
            }
            const context: RuleContext<string> = {
                creations,
                reach: this.reach,
                facts: this.facts,
                allowDefaultProviderInvokes: new Set(this.settings.allowDefaultProviderInvokes),
                report: (node, messageId, data) => push(rule.id, node, formatMessage(rule.messages[messageId], data), messageId),
                reportUnverifiable: (node, what, why, evidence, keys) => {
                    if (this.typed?.requiresOneOf(evidence, keys)) {
                        return;
                    }
                    // messageId carries the rule that raised it, so tests and front ends can tell whose it is.
                    push(unverifiableOptions.id, node, messageOf(unverifiableOptions, "cannotVerify", { rule: rule.id, what, why }), rule.id);
                },
            };
            rule.check(context);
        }
        return this.applySuppressions(file, findings, push);
    }

    private applySuppressions(file: ParsedFile, findings: Finding[], push: (ruleId: string, at: { line: number; column: number }, message: string) => void): Finding[] {
        const suppressions = parseSuppressions(file.source, this.knownRules);
        if (suppressions.length === 0) {
            return findings.sort((a, b) => a.line - b.line || a.column - b.column);
        }
        // Drop suppressed findings in place: `push` keeps appending to the same array.
        const kept = findings.filter((f) => {
            const s = suppressions.find((x) => !x.invalid && x.targetLine === f.line && x.ruleIds.includes(f.ruleId));
            if (s) {
                s.used = true;
                return false;
            }
            return true;
        });
        findings.splice(0, findings.length, ...kept);
        for (const s of suppressions) {
            if (s.invalid) {
                push(invalidSuppression.id, s, messageOf(invalidSuppression, "invalid", { why: s.invalid }));
            } else if (!s.used) {
                push(unusedSuppression.id, s, messageOf(unusedSuppression, "unused", { rules: s.ruleIds.join(", ") }));
            }
        }
        return findings.sort((a, b) => a.line - b.line || a.column - b.column);
    }
}
