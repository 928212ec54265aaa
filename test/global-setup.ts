import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const dist = path.join(root, "linter/dist");
const buildScript = path.join(root, "linter/scripts/build-on-install.js");

/**
 * Why the bundle in linter/dist must be built again, or undefined when it is current. The inputs are
 * read from the bundle's own source maps (esbuild lists every file it bundled): a source edited since,
 * a source gone, an entry point without its map or a newer build script all mean a rebuild. A new
 * file can only enter the bundle through an edit of one already in it, so nothing newer is missed.
 */
export function staleBundle(): string | undefined {
    const bundles = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.endsWith(".js")) : [];
    if (bundles.length === 0) {
        return "no bundle";
    }
    const script = fs.statSync(buildScript).mtimeMs;
    for (const bundle of bundles) {
        const file = path.join(dist, bundle);
        const built = fs.statSync(file).mtimeMs;
        if (script > built) {
            return `${path.relative(root, buildScript)} is newer than ${bundle}`;
        }
        let sources: string[];
        try {
            sources = (JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as { sources: string[] }).sources;
        } catch {
            return `${bundle} has no readable source map`;
        }
        for (const source of sources) {
            const input = path.resolve(dist, source);
            let mtime: number;
            try {
                mtime = fs.statSync(input).mtimeMs;
            } catch {
                return `${path.relative(root, input)} (bundled in ${bundle}) is gone`;
            }
            if (mtime > built) {
                return `${path.relative(root, input)} changed since ${bundle} was built`;
            }
        }
    }
    return undefined;
}

/**
 * The CLI tests run the bundled `guardrail`: bundle it from the current sources first, unless no
 * source changed since the last build (a stale bundle is never tested).
 */
export default function setup(): () => void {
    if (staleBundle() !== undefined) {
        execFileSync(process.execPath, [buildScript], { cwd: root, stdio: "inherit" });
    }
    // Pack processes the workers keep running across test files (test/harness/pack-pool.ts) record
    // their pids here; whatever a worker could not stop itself is stopped at the end of the run.
    const tmp = path.join(root, "test/.tmp");
    fs.mkdirSync(tmp, { recursive: true });
    const pids = fs.mkdtempSync(path.join(tmp, "pack-pids-"));
    process.env.GUARDRAIL_TEST_PACK_PIDS = pids;
    // Program runs the workers share during this run (test/programs/shared-runs.ts).
    const runs = fs.mkdtempSync(path.join(tmp, "program-runs-"));
    process.env.GUARDRAIL_TEST_SHARED_RUNS = runs;
    return () => {
        for (const pid of fs.readdirSync(pids)) {
            stopPack(Number(pid));
        }
        fs.rmSync(pids, { recursive: true, force: true });
        fs.rmSync(runs, { recursive: true, force: true });
    };
}

/** Kills a pack a worker left running; only if that pid still is a policy pack (pids are reused). */
function stopPack(pid: number): void {
    let cmdline = "";
    try {
        cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
        return;
    }
    if (cmdline.includes("run-policy-pack")) {
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // Gone meanwhile.
        }
    }
}
