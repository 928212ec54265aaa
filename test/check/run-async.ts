import { execFile } from "node:child_process";
import { GUARDRAIL_BIN } from "../linter/cli-helpers";

/** Runs guardrail without blocking the test worker (previews take seconds). */
export function runGuardrailAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(process.execPath, [GUARDRAIL_BIN, ...args], { cwd, encoding: "utf8", env: { ...env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
}
