import * as fs from "node:fs";
import * as path from "node:path";
import picomatch from "picomatch";
import { diskHost, isLintableFile } from "./analysis/project-sources";
import { outDirOf } from "./build-output";
import type { ResolvedConfig } from "./config";
import { UsageError } from "./errors";


/**
 * The files to lint: given files as they are, folders walked (skipping node_modules, declaration
 * files, build output and a tsconfig's outDir), then the config's include/exclude globs.
 */
export function collectFiles(paths: string[], cwd: string, config: ResolvedConfig): string[] {
    const isIncluded = picomatch(config.include, { dot: true });
    const isExcluded = config.exclude.length > 0 ? picomatch(config.exclude, { dot: true }) : () => false;
    const keep = (file: string) => {
        const rel = path.relative(config.baseDir, file).split(path.sep).join("/");
        return isIncluded(rel) && !isExcluded(rel);
    };
    const out = new Set<string>();
    for (const p of paths) {
        const abs = path.resolve(cwd, p);
        let stat: fs.Stats;
        try {
            stat = fs.statSync(abs);
        } catch {
            throw new UsageError(`no such file or folder: ${p}`);
        }
        if (stat.isDirectory()) {
            const outDir = outDirOf(abs);
            for (const file of diskHost.listSourceFiles(abs)) {
                if ((!outDir || !file.startsWith(outDir + path.sep)) && keep(file)) {
                    out.add(file);
                }
            }
        } else if (isLintableFile(abs)) {
            if (keep(abs)) {
                out.add(abs);
            }
        } else {
            throw new UsageError(`not a TypeScript source file: ${p}`);
        }
    }
    for (const file of out) {
        try {
            fs.accessSync(file, fs.constants.R_OK);
        } catch (e) {
            throw new UsageError(`cannot read ${path.relative(cwd, file) || file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
    }
    return [...out].sort();
}
