import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { userProcessEnv } from "../harness/pack-env";
import { GUARDRAIL_BIN } from "../harness/under-test";

export { GUARDRAIL_BIN };

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** The bin in a process of its own, started as a user starts it. */
export function runGuardrail(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
    const r = spawnSync(process.execPath, [GUARDRAIL_BIN, ...args], { cwd, encoding: "utf8", env: { ...userProcessEnv(), NO_COLOR: "1", ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch project on disk with the given files. */
export function scratchProject(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-cli-"));
    for (const [name, text] of Object.entries(files)) {
        const full = path.join(dir, name);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, text);
    }
    return dir;
}

export const CLEAN = `import * as aws from "@pulumi/aws";
const provider = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }], allowedAccountIds: ["222222222222"] });
export const bucket = new aws.s3.Bucket("site", {}, { provider });
`;

export const VIOLATING = `import * as aws from "@pulumi/aws";
export const bucket = new aws.s3.Bucket("site");
`;
