/**
 * Source text and messages shown in a terminal: control characters escaped (a file could carry
 * escape sequences that rewrite the screen), and very long lines (minified or generated code) cut
 * to a window around the column a finding points at.
 */

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function escapeControl(text: string): string {
    return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Characters of context kept either side of the column on a cut line. */
const FRAME_WINDOW = 60;
const MAX_LINE = 2 * FRAME_WINDOW + 40;

/**
 * The file's text with the lines around `line` escaped and, when long, cut to the same window
 * around `column`; the column moved to match. Other lines are left out of the frame anyway.
 */
export function frameSource(text: string, line: number, column: number): { text: string; column: number } {
    const lines = text.split(/\r?\n/);
    const from = Math.max(0, line - 2);
    const to = Math.min(lines.length, line + 1);
    const target = lines[line - 1] ?? "";
    let start = 0;
    let newColumn = column;
    if (target.length > MAX_LINE) {
        start = Math.max(0, column - 1 - FRAME_WINDOW);
        newColumn = column - start + (start > 0 ? 1 : 0);
    }
    for (let i = from; i < to; i++) {
        let l = lines[i];
        if (target.length > MAX_LINE || l.length > MAX_LINE) {
            const cut = l.slice(start, start + 2 * FRAME_WINDOW);
            l = `${start > 0 ? "…" : ""}${cut}${start + 2 * FRAME_WINDOW < l.length ? "…" : ""}`;
        }
        // Escaping before the cut would shift columns; control characters are rare enough to
        // accept a marker that points a few characters off on such a line.
        lines[i] = escapeControl(l);
    }
    return { text: lines.join("\n"), column: newColumn };
}
