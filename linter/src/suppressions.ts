import { ts } from "@ts-morph/common";

/**
 * `// guardrail-ignore-next-line <rule-id>[, <rule-id>] -- <reason>` and the same-line form
 * `// guardrail-ignore-line <rule-id> -- <reason>`. A reason is mandatory: without one the comment
 * suppresses nothing and is itself reported.
 */
export interface Suppression {
    /** 1-based line of the comment. */
    line: number;
    column: number;
    /** The line whose findings it suppresses. */
    targetLine: number;
    ruleIds: string[];
    reason: string;
    /** Why it does not count, if it does not. */
    invalid?: string;
    used: boolean;
}

const DIRECTIVE = /\/\/[ \t]*guardrail-ignore-(next-line|line)\b([^\n\r]*)/g;

/** Whether `pos` sits inside a string, template or regex literal rather than a comment. */
function insideLiteral(source: ts.SourceFile, pos: number): boolean {
    let node: ts.Node = source;
    for (;;) {
        let child: ts.Node | undefined;
        ts.forEachChild(node, (c) => {
            if (!child && c.getStart(source) <= pos && pos < c.end) {
                child = c;
            }
        });
        if (!child) {
            return false;
        }
        if (ts.isStringLiteralLike(child) || ts.isTemplateLiteralToken(child) || ts.isRegularExpressionLiteral(child) || ts.isJsxText(child)) {
            return true;
        }
        node = child;
    }
}

export function parseSuppressions(source: ts.SourceFile, knownRules: ReadonlySet<string>): Suppression[] {
    const text = source.text;
    if (!text.includes("guardrail-ignore")) {
        return [];
    }
    const out: Suppression[] = [];
    for (const m of text.matchAll(DIRECTIVE)) {
        const pos = m.index ?? 0;
        if (insideLiteral(source, pos)) {
            continue;
        }
        const { line, character } = source.getLineAndCharacterOfPosition(pos);
        const [rulesPart, ...reasonParts] = m[2].split(/\s--(?:\s|$)/);
        const reason = reasonParts.join(" -- ").trim();
        const ruleIds = rulesPart
            .split(",")
            .map((r) => r.trim())
            .filter(Boolean);
        let invalid: string | undefined;
        if (ruleIds.length === 0) {
            invalid = "names no rule";
        } else if (ruleIds.some((r) => !knownRules.has(r))) {
            invalid = `names an unknown rule (${ruleIds.filter((r) => !knownRules.has(r)).join(", ")})`;
        } else if (!reason) {
            invalid = "gives no reason (write `-- <why this is safe>`)";
        }
        out.push({
            line: line + 1,
            column: character + 1,
            targetLine: m[1] === "next-line" ? line + 2 : line + 1,
            ruleIds,
            reason,
            invalid,
            used: false,
        });
    }
    return out;
}
