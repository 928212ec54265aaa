/**
 * ESLint reports by messageId and data; the engine hands over the finished text of a finding (a
 * message may have been completed after it was formatted, "(and 2 more places it reaches)"). The
 * data is recovered by matching the rule's own template against that text, so the editor shows
 * exactly what `guardrail lint` prints while `meta.messages` stays the rule's messages by id.
 */

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
const patterns = new Map<string, RegExp>();

function patternOf(template: string): RegExp {
    let re = patterns.get(template);
    if (!re) {
        const seen = new Set<string>();
        let source = "";
        let last = 0;
        for (const m of template.matchAll(PLACEHOLDER)) {
            source += escape(template.slice(last, m.index));
            const key = m[1];
            // A placeholder used twice must have the same text both times.
            source += seen.has(key) ? `\\k<${key}>` : `(?<${key}>[\\s\\S]*?)`;
            seen.add(key);
            last = (m.index ?? 0) + m[0].length;
        }
        re = new RegExp(`^${source}${escape(template.slice(last))}$`);
        patterns.set(template, re);
    }
    return re;
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The data that turns `template` into `message`, or undefined when the message is not of that template. */
export function dataFor(template: string, message: string): Record<string, string> | undefined {
    const m = patternOf(template).exec(message);
    return m ? { ...m.groups } : undefined;
}
