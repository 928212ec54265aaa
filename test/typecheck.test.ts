import { execFile } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

/**
 * The whole repository type-checks under `strict` (tsconfig.json: the CLI, the policy library and
 * pack, the bootstrap and workload programs, the tests). A test rather than a step before the
 * suite, so that its 15 s of one core run beside the other files instead of ahead of them; `npm run
 * typecheck` is the same check alone.
 */
describe("the repository", () => {
    it("type-checks: tsc -p tsconfig.json reports nothing", async () => {
        const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
        const r = await new Promise<{ code: number; out: string }>((resolve) =>
            execFile(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
                resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }),
            ),
        );
        expect(r.out).toBe("");
        expect(r.code).toBe(0);
    }, 300_000);
});
