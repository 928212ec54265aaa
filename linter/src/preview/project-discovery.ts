import * as fs from "node:fs";
import * as path from "node:path";
import picomatch from "picomatch";
import { outDirOf } from "../build-output";
import type { ResolvedConfig } from "../config";
import { GitIgnores, walkFiles } from "../file-walk";
import { PROJECT_FILES } from "./pulumi-project";

/**
 * The Pulumi projects `guardrail check` previews under the paths it is given. A folder's name says
 * nothing about what it holds (`build/`, `out/`, `state/` and dot-folders are ordinary folders that
 * may hold a program), so only two things are left out without a word: the repository's own build
 * output (the `outDir` of a tsconfig.json between the named folder and the project) and what the
 * configuration's `exclude` names, matched as `guardrail lint` matches it. Installed packages and
 * git's own folder are never walked. A project a `.gitignore` hides is left out as lint leaves such
 * files out, but named in the report's `skipped`, so nothing is skipped silently.
 */
export interface ProjectDiscovery {
    /** Project folders (absolute), sorted. */
    projects: string[];
    /** Projects found and not previewed, each with why. */
    skipped: string[];
}

const NEVER_WALKED: ReadonlySet<string> = new Set(["node_modules", ".git"]);

/** Is `dir` the folder `outDir` or inside it? */
const isWithin = (dir: string, outDir: string) => dir === outDir || dir.startsWith(outDir + path.sep);

export function findPulumiProjects(paths: string[], cwd: string, config: Pick<ResolvedConfig, "exclude" | "baseDir">): ProjectDiscovery {
    const isExcluded = config.exclude.length > 0 ? picomatch(config.exclude, { dot: true }) : () => false;
    const relToBase = (p: string) => path.relative(config.baseDir, p).split(path.sep).join("/");
    const shown = (p: string) => path.relative(cwd, p) || ".";
    const outDirs = new Map<string, string | undefined>();
    const cachedOutDir = (dir: string) => {
        if (!outDirs.has(dir)) {
            outDirs.set(dir, outDirOf(dir));
        }
        return outDirs.get(dir);
    };
    const projects = new Set<string>();
    const skipped = new Map<string, string>();

    for (const p of paths) {
        const root = path.resolve(cwd, p);
        if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
            continue; // files are lint's; a missing path is reported by lint
        }
        const gitignores = new GitIgnores(root);
        // A folder the user named is checked even if a .gitignore above it ignores it (as lint does).
        const rootIgnored = gitignores.ignores(root, true);
        const files = walkFiles(root, { skipDirs: NEVER_WALKED, accept: (f) => PROJECT_FILES.includes(path.basename(f)), gitignore: false });
        for (const dir of new Set(files.map((f) => path.dirname(f)))) {
            if (projects.has(dir) || skipped.has(dir)) {
                continue;
            }
            if (isExcluded(relToBase(dir)) || files.some((f) => path.dirname(f) === dir && isExcluded(relToBase(f)))) {
                continue;
            }
            const buildOf = ancestorsFrom(root, dir).find((a) => {
                const outDir = cachedOutDir(a);
                return outDir !== undefined && isWithin(dir, outDir);
            });
            if (buildOf !== undefined) {
                continue;
            }
            if (!rootIgnored && gitignores.ignores(dir, true)) {
                skipped.set(dir, `${shown(dir)}: a Pulumi project ignored by .gitignore, not previewed (name its folder to check it)`);
                continue;
            }
            projects.add(dir);
        }
    }
    return { projects: [...projects].sort(), skipped: [...skipped.values()] };
}

/** `root` and the folders below it down to `dir`'s parent. */
function ancestorsFrom(root: string, dir: string): string[] {
    const out: string[] = [];
    for (let a = path.dirname(dir); isWithin(a, root); a = path.dirname(a)) {
        out.push(a);
        if (a === root) {
            break;
        }
    }
    return out;
}
