import * as fs from "node:fs";
import * as path from "node:path";
import { fdir } from "fdir";
import ignore, { Ignore } from "ignore";
import { UsageError } from "./errors";

/**
 * Walks a folder the way a user expects a linter to: symbolic links followed (a link that loops
 * back is visited once), `.gitignore` honoured (the repository's and nested ones), installed
 * packages and git's own folder skipped, and a folder that cannot be read is an error naming it
 * and why, never silently left out.
 */

export interface WalkOptions {
    /** Folder names never entered. */
    skipDirs: ReadonlySet<string>;
    /** Which files to return. */
    accept(file: string): boolean;
    /** Leave `.gitignore` to the caller (default: ignored files and folders are not walked). */
    gitignore?: false;
}

/** `.gitignore` rules of the folders from the repository root down, cached per folder. */
export class GitIgnores {
    private readonly byDir = new Map<string, Ignore | null>();
    private readonly top: string;

    constructor(start: string) {
        this.top = repositoryRoot(start) ?? start;
    }

    private rulesOf(dir: string): Ignore | null {
        let rules = this.byDir.get(dir);
        if (rules === undefined) {
            let text: string | undefined;
            try {
                text = fs.readFileSync(path.join(dir, ".gitignore"), "utf8");
            } catch {
                text = undefined;
            }
            rules = text === undefined ? null : ignore().add(text);
            this.byDir.set(dir, rules);
        }
        return rules;
    }

    /** Is `file` (a folder when `dir`) ignored by a .gitignore between the repository root and it? */
    ignores(file: string, dir: boolean): boolean {
        const rel = path.relative(this.top, file);
        if (rel.startsWith("..") || path.isAbsolute(rel) || rel === "") {
            return false;
        }
        let base = this.top;
        const parts = rel.split(path.sep);
        for (let i = 0; i < parts.length; i++) {
            const rules = this.rulesOf(base);
            const sub = parts.slice(i).join("/") + (dir && i <= parts.length - 1 ? "/" : "");
            if (rules?.ignores(sub)) {
                return true;
            }
            base = path.join(base, parts[i]);
        }
        return false;
    }
}

function repositoryRoot(start: string): string | undefined {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, ".git"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            return undefined;
        }
    }
}

export function walkFiles(root: string, options: WalkOptions): string[] {
    const gitignore = new GitIgnores(root);
    // A folder the user named is walked even if a .gitignore above it ignores it.
    const rootIgnored = options.gitignore === false || gitignore.ignores(root, true);
    const unreadable: string[] = [];
    const crawler = new fdir()
        .withFullPaths()
        .withSymlinks({ resolvePaths: false })
        .exclude((name, dirPath) => {
            const dir = dirPath.replace(/[\\/]$/, "");
            if (options.skipDirs.has(name) || (!rootIgnored && gitignore.ignores(dir, true))) {
                return true;
            }
            try {
                fs.accessSync(dir, fs.constants.R_OK | fs.constants.X_OK);
            } catch (e) {
                unreadable.push(`${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
                return true;
            }
            return false;
        })
        .filter((file) => options.accept(file) && (rootIgnored || !gitignore.ignores(file, false)));
    let found: string[];
    try {
        fs.accessSync(root, fs.constants.R_OK | fs.constants.X_OK);
        found = crawler.crawl(root).sync();
    } catch (e) {
        throw new UsageError(`cannot read the folder ${root}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    if (unreadable.length > 0) {
        throw new UsageError(`cannot read ${unreadable.length === 1 ? "the folder" : "the folders"} ${unreadable.join(", ")}`);
    }
    // The same file reached through a link and directly is one file.
    const byReal = new Map<string, string>();
    for (const file of found.sort()) {
        let real: string;
        try {
            real = fs.realpathSync.native(file); // one system call, where the JavaScript version lstat()s every folder on the way
        } catch {
            continue; // a dangling link names no file
        }
        if (!byReal.has(real)) {
            byReal.set(real, file);
        }
    }
    return [...byReal.values()].sort();
}
