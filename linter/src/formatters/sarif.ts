import { createHash } from "node:crypto";
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from "node-sarif-builder";
import { ALL_RULES } from "../rules";
import { Formatter, relativePath, RuleInfo } from "../report/model";
import { TOOL_VERSION } from "../version";

/**
 * SARIF 2.1.0 for GitHub code scanning. Fingerprints hash the rule, the file and the flagged line's
 * text (not its number), so an alert survives unrelated edits above it.
 */
export const formatSarif: Formatter = (report) => {
    const run = new SarifRunBuilder().initSimple({ toolDriverName: "guardrail", toolDriverVersion: TOOL_VERSION });
    const own: RuleInfo[] = ALL_RULES.map((r) => ({ id: r.id, description: r.docs.description, help: r.docs.help, level: r.defaultSeverity }));
    const extra = (report.rules ?? []).filter((p) => !own.some((r) => r.id === p.id));
    for (const rule of [...own, ...extra]) {
        const builder = new SarifRuleBuilder().initSimple({ ruleId: rule.id, shortDescriptionText: rule.description, fullDescriptionText: rule.help });
        builder.rule.name = rule.id
            .split("-")
            .map((w) => w[0].toUpperCase() + w.slice(1))
            .join("");
        builder.rule.help = { text: rule.help, markdown: rule.help };
        builder.rule.defaultConfiguration = { level: rule.level === "error" ? "error" : "warning" };
        builder.rule.properties = { tags: ["security", "pulumi", "aws"], precision: rule.id === "unverifiable-options" ? "medium" : "high" };
        run.addRule(builder);
    }
    const seen = new Map<string, number>();
    for (const f of report.findings) {
        const uri = relativePath(report.cwd, f.file);
        const lineText = report.sourceOf(f.file)?.split(/\r?\n/)[f.line - 1]?.trim() ?? "";
        const base = createHash("sha256").update(`${f.ruleId}\0${uri}\0${f.urn ?? lineText}`).digest("hex").slice(0, 32);
        const occurrence = (seen.get(base) ?? 0) + 1;
        seen.set(base, occurrence);
        const result = new SarifResultBuilder().initSimple({
            level: f.severity === "error" ? "error" : "warning",
            messageText: f.message,
            ruleId: f.ruleId,
            fileUri: uri,
            startLine: f.line,
            startColumn: f.column,
            endLine: f.endLine,
            endColumn: f.endColumn,
        });
        result.result.partialFingerprints = { "guardrailFinding/v1": `${base}:${occurrence}` };
        if (f.urn) {
            // Policy violations belong to a resource of the stack rather than to a line of code.
            result.result.locations![0].logicalLocations = [{ fullyQualifiedName: f.urn, kind: "resource" }];
        }
        if (f.related && f.related.length > 0) {
            result.result.relatedLocations = f.related.map((r, i) => ({
                id: i,
                message: { text: r.message },
                physicalLocation: { artifactLocation: { uri: relativePath(report.cwd, r.file) }, region: { startLine: r.line, startColumn: r.column } },
            }));
        }
        run.addResult(result);
    }
    const log = new SarifBuilder();
    log.addRun(run);
    return log.buildSarifJsonString({ indent: true }) + "\n";
};
