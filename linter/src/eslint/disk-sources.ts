import * as fs from "node:fs";
import * as path from "node:path";
import { diskHost, isLintableFile, ParseCache, SKIPPED_DIRS, SourceHost } from "../analysis/project-sources";

/**
 * The project as it is on disk, kept by a long-lived process (an editor's ESLint) between runs. A
 * file's text is re-read when its stat (modification and change times, size) changes, a folder
 * listing when any folder below it (or a .gitignore in one) changed, and a file is parsed again
 * only when its text differs from the last parse. So each run sees every edit saved to another
 * file, at the price of one stat per file it reads and one per folder it lists.
 */

interface Stamp {
    mtimeMs: number;
    ctimeMs: number;
    size: number;
}

interface CachedText extends Stamp {
    text: string;
}

interface Listing {
    files: string[];
    /** The folders walked (and .gitignore files seen) with their stamps when the listing was made. */
    stamps: Map<string, Stamp>;
}

function stampOf(file: string): Stamp | undefined {
    try {
        const st = fs.statSync(file, { throwIfNoEntry: false });
        return st && { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, size: st.size };
    } catch {
        return undefined;
    }
}

function same(a: Stamp | undefined, b: Stamp | undefined): boolean {
    return !!a && !!b && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.size === b.size;
}

export class DiskSources {
    readonly parseCache = new ParseCache();
    private readonly texts = new Map<string, CachedText>();
    private readonly listings = new Map<string, Listing>();

    read(file: string): string | undefined {
        const stamp = stampOf(file);
        const hit = this.texts.get(file);
        if (hit && same(hit, stamp)) {
            return hit.text;
        }
        const text = stamp ? diskHost.readFile(file) : undefined;
        if (text === undefined || !stamp) {
            this.texts.delete(file);
            return undefined;
        }
        this.texts.set(file, { ...stamp, text });
        return text;
    }

    /** The project's source files below `dir`, as the CLI lists them (diskHost), re-listed when a folder changed. */
    list(dir: string): string[] {
        const cached = this.listings.get(dir);
        if (cached && [...cached.stamps].every(([p, s]) => same(s, stampOf(p)))) {
            return cached.files;
        }
        // Stamps first: a change made while listing shows up as a changed stamp next time.
        const stamps = folderStamps(dir);
        const files = diskHost.listSourceFiles(dir);
        this.listings.set(dir, { files, stamps });
        return files;
    }

    /** A host for one run: `file` has the editor's text, everything else is read from disk. */
    hostFor(file: string, text: string): SourceHost {
        return {
            // The engine asks with absolute paths, thousands of times a run: resolve only what is not.
            readFile: (f) => {
                const abs = path.isAbsolute(f) ? f : path.resolve(f);
                return abs === file ? text : this.read(abs);
            },
            listSourceFiles: (dir) => {
                const files = this.list(dir);
                // An unsaved new file is part of the project too (its own calls of its helpers count).
                return file.startsWith(dir + path.sep) && isLintableFile(file) && !files.includes(file) ? [...files, file].sort() : files;
            },
            parseCache: this.parseCache,
        };
    }
}

/**
 * Every folder below `dir` that a listing may walk, with its stamp: adding, removing or renaming an
 * entry changes its folder's modification time. Symbolic links to folders are followed once.
 */
function folderStamps(dir: string): Map<string, Stamp> {
    const stamps = new Map<string, Stamp>();
    const seen = new Set<string>();
    const walk = (d: string) => {
        let real: string;
        try {
            real = fs.realpathSync(d);
        } catch {
            return;
        }
        const stamp = stampOf(d);
        if (!stamp || seen.has(real)) {
            return;
        }
        seen.add(real);
        stamps.set(d, stamp);
        let entries: fs.Dirent[];
        try {
            entries = fs.readdirSync(d, { withFileTypes: true });
        } catch {
            return;
        }
        for (const e of entries) {
            const full = path.join(d, e.name);
            if (e.name === ".gitignore") {
                const s = stampOf(full);
                if (s) {
                    stamps.set(full, s);
                }
            } else if (!SKIPPED_DIRS.has(e.name) && (e.isDirectory() || (e.isSymbolicLink() && fs.statSync(full, { throwIfNoEntry: false })?.isDirectory()))) {
                walk(full);
            }
        }
    };
    walk(dir);
    return stamps;
}
