import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { userProcessEnv } from "../harness/pack-env";
import { GUARDRAIL_BIN } from "../harness/under-test";

/**
 * `guardrail lint` is the pre-commit path, started once per commit: it loads what linting needs and
 * not the engine side (gRPC, protobuf, the Pulumi SDK), which only preview, check and audit use.
 * Measured on the 10-file pre-commit case: 0.37 -> 0.33 s when the engine stopped loading with it.
 */
describe("what guardrail lint loads", () => {
    it("no module of the engine side: the SDK, gRPC and protobuf stay unloaded", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-lint-start-"));
        const loaded = path.join(dir, "loaded.json");
        const record = path.join(dir, "record.cjs");
        // Written at exit: every file the process required, from the CLI's bundle on.
        fs.writeFileSync(record, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache))));\n`);
        fs.writeFileSync(path.join(dir, "index.ts"), 'import * as aws from "@pulumi/aws";\nexport const b = new aws.s3.Bucket("b");\n');
        const r = spawnSync(process.execPath, ["--require", record, GUARDRAIL_BIN, "lint", "."], { cwd: dir, encoding: "utf8", env: { ...userProcessEnv(), NO_COLOR: "1" } });
        expect(r.stdout).toMatch(/require-resource-provider/);
        const files = JSON.parse(fs.readFileSync(loaded, "utf8")) as string[];
        expect(files.some((f) => f.endsWith(`${path.sep}dist${path.sep}cli.js`))).toBe(true);
        expect(files.filter((f) => /[\\/](@grpc|google-protobuf|@pulumi[\\/]pulumi)[\\/]/.test(f))).toEqual([]);
    });
});
