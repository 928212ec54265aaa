import * as path from "node:path";
import { ts } from "@ts-morph/common";
import { AnalysisProject } from "./analysis/analysis-project";
import type { Creation } from "./analysis/creations";
import { locationOf } from "./analysis/evaluator";
import { ParsedFile, SourceHost, diskHost } from "./analysis/project-sources";
import type { Finding, RelatedLocation, Severity } from "./report/model";
import { formatMessage, messageOf } from "./report/rule-meta";
import type { SdkRegistry } from "./sdk/registry";
import { CHECK_RULES, invalidSuppression, parseError, RULES_BY_ID, unusedSuppression, unverifiableOptions } from "./rules";
import type { RelatedNode, RuleContext } from "./rules/rule";
import { parseSuppressions } from "./suppressions";

export type { Finding, Severity } from "./report/model";

export interface LintSettings {
    /** Severity per rule id; "off" disables. Missing ids use the rule's default. */
    rules: Record<string, Severity | "off">;
    /** Pulumi packages (without `@pulumi/`) whose resources need an explicit provider; components of packages that depend on them are checked too. */
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

export interface LinterOptions {
    /** Where learnt SDK declarations are cached; false: no disk cache. Default: node_modules/.cache/guardrail. */
    cacheDir?: string | false;
    /** A registry of learnt SDKs to share between linters (a long-lived process: tests, an editor). */
    registry?: SdkRegistry;
}

/**
 * What a finding is about, for a front end that offers fixes (the ESLint plugin's suggestions): the
 * node it was reported at and the creation it concerns (the resource inside a helper, for a finding
 * at the helper's call). Not part of the report model: formatters never see syntax nodes.
 */
export interface FindingSubject {
    node: ts.Node;
    creation?: Creation;
}

function severityOf(ruleId: string, settings: LintSettings): Severity | "off" {
    return settings.rules[ruleId] ?? RULES_BY_ID.get(ruleId)?.defaultSeverity ?? "error";
}

function position(file: ts.SourceFile, node: ts.Node): Pick<Finding, "line" | "column" | "endLine" | "endColumn"> {
    const start = file.getLineAndCharacterOfPosition(node.getStart(file));
    const end = file.getLineAndCharacterOfPosition(node.getEnd());
    return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/**
 * Lints files with the syntax tree and the SDK's own declarations: imports, values and call paths
 * are followed by hand (see analysis/), which keeps a 2,000-file program well under the type
 * checker's cost. A finding is reported in the file where its fix belongs, which may be a call of a
 * helper whose own file is not being linted.
 */
export class Linter {
    readonly project: AnalysisProject;
    private readonly knownRules: ReadonlySet<string>;
    private readonly subjects = new WeakMap<Finding, FindingSubject>();

    constructor(
        readonly settings: LintSettings = DEFAULT_SETTINGS,
        host: SourceHost = diskHost,
        private readonly typed?: TypedOracle,
        options: LinterOptions = {},
    ) {
        this.project = new AnalysisProject(host, settings.packages, options);
        this.knownRules = new Set(RULES_BY_ID.keys());
    }

    get sources() {
        return this.project.sources;
    }

    /** Pulumi packages that could not be read (not installed): said once per run. */
    notices(): string[] {
        return [...this.project.registry.unreadable]
            .filter(([npm]) => npm.startsWith("@pulumi/"))
            .map(([, why]) => `${why}; its names are judged by their spelling only`);
    }

    /** Keeps what was learnt of the SDKs for the next run. */
    saveCache(): void {
        this.project.registry.save();
    }

    /** Where a finding from lintFiles() was reported, as syntax (undefined for suppression and parse-error findings). */
    subjectOf(finding: Finding): FindingSubject | undefined {
        return this.subjects.get(finding);
    }

    lintFiles(fileNames: string[]): Finding[] {
        const files = fileNames.map((f) => {
            const parsed = this.sources.get(path.resolve(f));
            if (!parsed) {
                throw new Error(`cannot read ${f}`);
            }
            return parsed;
        });
        const linted = new Set(files.map((f) => f.file));
        const broken = new Set(files.filter((f) => f.syntaxErrors.length > 0).map((f) => f.file));
        const findings: Finding[] = [];
        const byKey = new Map<string, { finding: Finding; more: number }>();
        const push = (ruleId: string, file: ParsedFile, at: ts.Node | { line: number; column: number }, message: string, messageId?: string, related: RelatedNode[] = [], creation?: Creation) => {
            const severity = severityOf(ruleId, this.settings);
            if (severity === "off" || !linted.has(file.file) || (broken.has(file.file) && ruleId !== parseError.id)) {
                return;
            }
            const where = "kind" in at ? position(file.source, at) : { line: at.line, column: at.column, endLine: at.line, endColumn: at.column };
            const key = `${ruleId}\0${messageId}\0${file.file}\0${where.line}:${where.column}`;
            const relatedLocations = related.map((r) => this.related(r));
            const prior = byKey.get(key);
            if (prior) {
                // Several resources fail at one call: one finding that points at all of them.
                prior.more++;
                prior.finding.related = [...(prior.finding.related ?? []), ...relatedLocations.filter((r) => !prior.finding.related?.some((p) => p.file === r.file && p.line === r.line))];
                return;
            }
            const finding: Finding = { ruleId, severity, file: file.file, message, messageId, ...where, ...(relatedLocations.length > 0 ? { related: relatedLocations } : {}) };
            byKey.set(key, { finding, more: 0 });
            findings.push(finding);
            if ("kind" in at) {
                this.subjects.set(finding, { node: at, creation });
            }
        };

        for (const file of files) {
            if (file.syntaxErrors.length > 0) {
                const first = file.syntaxErrors[0];
                const { line, character } = file.source.getLineAndCharacterOfPosition(first.start);
                const text = ts.flattenDiagnosticMessageText(first.messageText, " ").replace(/\.$/, "");
                const more = file.syntaxErrors.length > 1 ? ` (and ${file.syntaxErrors.length - 1} more)` : "";
                push(parseError.id, file, { line: line + 1, column: character + 1 }, messageOf(parseError, "syntaxError", { text, more }), "syntaxError");
            }
        }

        const analysed = this.project.analysisSet(files.filter((f) => !broken.has(f.file)));
        this.project.setScope(analysed);
        const creations: Creation[] = analysed.flatMap((f) => this.project.creationsIn(f));
        // Rules report a creation at its own node, or elsewhere with the creation as the first related node.
        const byNode = new Map<ts.Node, Creation>(creations.map((c) => [c.node, c]));
        const creationOf = (node: ts.Node, related: RelatedNode[] = []) => byNode.get(node) ?? related.map((r) => byNode.get(r.node)).find((c) => c !== undefined);
        const classes = files.flatMap((f) => this.project.classesIn(f));
        const allow = new Set(this.settings.allowDefaultProviderInvokes);
        for (const rule of CHECK_RULES) {
            if (severityOf(rule.id, this.settings) === "off" || !rule.check) {
                continue;
            }
            const context: RuleContext<string> = {
                creations,
                classes,
                judge: this.project.judge,
                allowDefaultProviderInvokes: allow,
                where: locationOf,
                instantiatedClass: (call) => this.project.instantiatedResourceClass(call),
                isSameOrSubclass: (cls, base) => this.project.isSameOrSubclass(cls, base),
                superOptionsIndex: (cls) => this.project.superOptionsIndex(cls),
                report: (node, messageId, data, related) => {
                    const file = this.sources.fileOf(node.getSourceFile());
                    if (file) {
                        push(rule.id, file, node, formatMessage(rule.messages[messageId], data), messageId, related, creationOf(node, related));
                    }
                },
                reportUnverifiable: (node, claim, why, evidence, keys) => {
                    const file = this.sources.fileOf(node.getSourceFile());
                    if (!file || this.typed?.requiresOneOf(evidence, keys)) {
                        return;
                    }
                    // messageId carries the rule that raised it, so tests and front ends can tell whose it is.
                    push(unverifiableOptions.id, file, node, messageOf(unverifiableOptions, "cannotVerify", { rule: rule.id, claim, why }), rule.id);
                },
            };
            rule.check(context);
        }
        for (const { finding, more } of byKey.values()) {
            if (more > 0) {
                finding.message = finding.message.replace(/;([^;]*)$/, ` (and ${more} more ${more === 1 ? "place" : "places"} it reaches);$1`);
            }
        }
        const byFile = new Map<string, Finding[]>();
        for (const f of findings) {
            const list = byFile.get(f.file);
            if (list) {
                list.push(f);
            } else {
                byFile.set(f.file, [f]);
            }
        }
        return files.flatMap((f) => this.applySuppressions(f, byFile.get(f.file) ?? []));
    }


    private related(r: RelatedNode): RelatedLocation {
        const sf = r.node.getSourceFile();
        const { line, character } = sf.getLineAndCharacterOfPosition(r.node.getStart(sf));
        return { file: sf.fileName, line: line + 1, column: character + 1, message: r.message };
    }

    private applySuppressions(file: ParsedFile, findings: Finding[]): Finding[] {
        const suppressions = parseSuppressions(file.source, this.knownRules);
        const kept = findings.filter((f) => {
            const s = suppressions.find((x) => !x.invalid && x.targetLine === f.line && x.ruleIds.includes(f.ruleId));
            if (s) {
                s.used = true;
                return false;
            }
            return true;
        });
        const extra: Finding[] = [];
        const collect = (ruleId: string, at: { line: number; column: number }, message: string) => {
            const severity = severityOf(ruleId, this.settings);
            if (severity !== "off") {
                extra.push({ ruleId, severity, file: file.file, message, line: at.line, column: at.column, endLine: at.line, endColumn: at.column });
            }
        };
        for (const s of suppressions) {
            if (s.invalid) {
                collect(invalidSuppression.id, s, messageOf(invalidSuppression, "invalid", { why: s.invalid }));
            } else if (!s.used) {
                collect(unusedSuppression.id, s, messageOf(unusedSuppression, "unused", { rules: s.ruleIds.join(", ") }));
            }
        }
        return [...kept, ...extra].sort((a, b) => a.line - b.line || a.column - b.column);
    }
}
