import * as path from "node:path";
import { withEnvironmentVariable } from "./environment";

/** The preload that lets the tests' policy packs transpile instead of type-check (see the file). */
const PRELOAD = path.join(__dirname, "pack-transpile-only.cjs");
const OPTION = `--require "${PRELOAD}"`;

/** NODE_OPTIONS for the test workers, whose child processes inherit it: the caller's own, plus the preload. */
export function testNodeOptions(existing = process.env.NODE_OPTIONS): string {
    return [existing, OPTION].filter(Boolean).join(" ");
}

/**
 * The environment for a process started as a user starts it, without the tests' preload: its packs
 * start exactly as under `pulumi preview --policy-pack` (ts-node type-checks them), and node
 * itself is unaffected (a preload is resolved from the working directory, so node refuses to
 * start where that directory's package.json is malformed, a case the CLI tests set up on purpose).
 */
export function userProcessEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    const options = (env.NODE_OPTIONS ?? "").split(OPTION).join("").trim();
    const out = { ...env };
    if (options) {
        out.NODE_OPTIONS = options;
    } else {
        delete out.NODE_OPTIONS;
    }
    return out;
}

/**
 * Runs `start` (which spawns its pack synchronously, as AnalyzerSession.start does before its first
 * await) with the engine's environment, so that this one pack is type-checked as the engine does.
 */
export function startedAsTheEngineDoes<T>(start: () => T): T {
    return withEnvironmentVariable("NODE_OPTIONS", userProcessEnv().NODE_OPTIONS, start);
}
