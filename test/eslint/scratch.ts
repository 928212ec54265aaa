import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The repository: its node_modules hold the SDKs the scratch projects import. */
export const REPO = path.resolve(__dirname, "../..");

/**
 * A folder of scratch projects outside the repository (call sites are searched up to a repository
 * root, which must not be this one), sharing the repository's installed packages.
 */
export function scratchRoot(prefix: string): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `guardrail-${prefix}-`));
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(root, "node_modules"), "dir");
    return root;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
}

/** One project per test case (its own package.json bounds its call-site searches), with `files` on disk. */
export function caseProjects(root: string): (files?: Record<string, string>) => string {
    let n = 0;
    return (files = {}) => {
        const dir = path.join(root, `case-${++n}`);
        writeFiles(dir, { "package.json": JSON.stringify({ name: `case-${n}`, private: true }), ...files });
        return dir;
    };
}
