/**
 * Stack state on disk: `pulumi stack export` files (one file, or every `*.json`/`*.json.gz` in a
 * folder) and `file://` self-managed backends, read the way pulumi/pulumi `pkg/backend/diy/store.go`
 * lists them: `.pulumi/stacks/<project>/<stack>.json[.gz|.zst]` (project layout) and
 * `.pulumi/stacks/<stack>.json[...]` (the older layout without projects); other files there
 * (`.bak` copies) are not stacks. Only reads: no lock is taken, nothing is written.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError } from "../errors";
import { Candidate, checkpointStackName, Listing, onePerStack, StackEntry } from "./stack-entry";

function fileEntry(file: string, stack?: string): StackEntry {
    return { location: file, stack, read: () => fs.promises.readFile(file) };
}

/** `file://<dir>` (also `file://./state`, `file://~/state`): the folder that holds `.pulumi/`. */
function fileBackendDir(url: string, cwd: string): string {
    const rest = url.slice("file://".length).split("?")[0];
    if (rest === "") {
        throw new UsageError(`${url}: name the backend's folder, as in file://./state or file:///var/pulumi`);
    }
    const expanded = rest === "~" || rest.startsWith("~/") ? path.join(os.homedir(), rest.slice(1)) : rest;
    return path.resolve(cwd, decodeURIComponent(expanded));
}

export function listFileBackend(url: string, cwd: string): Listing {
    const dir = fileBackendDir(url, cwd);
    const bookkeeping = path.join(dir, ".pulumi");
    if (!fs.existsSync(bookkeeping) || !fs.statSync(bookkeeping).isDirectory()) {
        throw new UsageError(`${url} is not a self-managed backend: ${bookkeeping} does not exist`);
    }
    const stacksDir = path.join(bookkeeping, "stacks");
    if (!fs.existsSync(stacksDir)) {
        return { entries: [], skipped: [] };
    }
    const candidates: Candidate[] = [];
    const add = (file: string, stack: string, project?: string) =>
        candidates.push({ location: file, project, stack, modified: fs.statSync(file).mtimeMs, read: () => fs.promises.readFile(file) });
    for (const e of fs.readdirSync(stacksDir, { withFileTypes: true })) {
        const full = path.join(stacksDir, e.name);
        if (e.isDirectory()) {
            for (const f of fs.readdirSync(full, { withFileTypes: true })) {
                const stack = f.isFile() ? checkpointStackName(f.name) : undefined;
                if (stack) {
                    add(path.join(full, f.name), stack, e.name);
                }
            }
        } else if (e.isFile()) {
            const stack = checkpointStackName(e.name);
            if (stack) {
                add(full, stack);
            }
        }
    }
    return onePerStack(candidates);
}

/** A `pulumi stack export` file, or a folder of them (its `*.json` and `*.json.gz` files). */
export function listExports(arg: string, cwd: string): Listing {
    const abs = path.resolve(cwd, arg);
    if (!fs.existsSync(abs)) {
        throw new UsageError(`${arg} does not exist (a stack export file or folder, file://<dir> or s3://<bucket>)`);
    }
    if (fs.statSync(abs).isFile()) {
        return { entries: [fileEntry(abs)], skipped: [] };
    }
    const files = fs
        .readdirSync(abs, { withFileTypes: true })
        .filter((e) => e.isFile() && /\.json(\.gz)?$/.test(e.name))
        .map((e) => path.join(abs, e.name))
        .sort();
    if (files.length === 0) {
        const hint = fs.existsSync(path.join(abs, ".pulumi")) ? `; it holds a self-managed backend: pass file://${arg}` : "";
        throw new UsageError(`${arg} holds no stack exports (*.json)${hint}`);
    }
    return { entries: files.map((f) => fileEntry(f)), skipped: [] };
}
