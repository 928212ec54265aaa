import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CLEAN, runGuardrail, scratchProject, VIOLATING } from "../linter/cli-helpers";

/** One report model and one `finish` for every command: the same options mean the same everywhere. */

const REPO = path.resolve(__dirname, "../..");
const json = (stdout: string) => JSON.parse(stdout) as { findings: { ruleId: string; line: number }[]; summary: Record<string, number>; problems?: string[] };

describe("guardrail --version", () => {
    it.each([["--version"], ["-V"]])("%s prints the installed package's version", (flag) => {
        const r = runGuardrail([flag], REPO);
        expect(r.code).toBe(0);
        expect(r.stdout.trim()).toBe((require("../../package.json") as { version: string }).version);
    });
});

describe("check takes the options lint takes", () => {
    const warningOnly = `import * as aws from "@pulumi/aws";\nexport const q = (opts: any) => new aws.sqs.Queue("q", {}, opts);\n`;
    it("--max-warnings turns warnings into exit 1, as in lint (reported before the missing pack stops the preview)", () => {
        const dir = scratchProject({ "index.ts": warningOnly });
        const r = runGuardrail(["check", ".", "--max-warnings", "0", "--format", "json"], dir);
        expect(json(r.stdout).findings.map((f) => f.ruleId)).toEqual(["unverifiable-options"]);
        // The pack is missing, so the run could not finish: that outranks the warnings (exit 2).
        expect(r.code).toBe(2);
    });
    it("--typed is accepted", () => {
        const r = runGuardrail(["check", ".", "--typed", "--format", "json"], scratchProject({ "index.ts": CLEAN }));
        expect(r.stderr).not.toMatch(/unknown option/);
    });
});

describe("check without a policy pack", () => {
    it("still prints the lint results, then the error, and exits 2", () => {
        const r = runGuardrail(["check", "."], scratchProject({ "index.ts": VIOLATING }));
        expect(r.code).toBe(2);
        expect(r.stdout).toContain("require-resource-provider");
        expect(r.stdout).not.toContain("no problems");
        expect(r.stdout).toMatch(/did not finish: 1 problem/);
        expect(r.stderr).toMatch(/no policy pack: pass --policy-pack/);
    });
    it("a run that fails never prints the green line, even with nothing found", () => {
        const r = runGuardrail(["check", "."], scratchProject({ "index.ts": CLEAN }));
        expect(r.code).toBe(2);
        expect(r.stdout).not.toContain("✔");
        expect(r.stdout).not.toContain("no problems");
    });
    it("the problem is listed in the JSON report too", () => {
        const r = runGuardrail(["check", ".", "--format", "json"], scratchProject({ "index.ts": CLEAN }));
        expect(json(r.stdout).problems).toEqual([expect.stringMatching(/no policy pack/)]);
        expect(json(r.stdout).summary.problems).toBe(1);
    });
});

describe("parse-error cannot be turned off", () => {
    it.each(["off", "warning"])("a config that sets it to %s is a config error", (level) => {
        const r = runGuardrail(["lint"], scratchProject({ "index.ts": CLEAN, "guardrail.config.json": JSON.stringify({ rules: { "parse-error": level } }) }));
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/rules\.parse-error: cannot be turned off or downgraded/);
    });
    it("setting it to error is fine", () => {
        const r = runGuardrail(["lint"], scratchProject({ "index.ts": CLEAN, "guardrail.config.json": JSON.stringify({ rules: { "parse-error": "error" } }) }));
        expect(r.code).toBe(0);
    });
});

describe("code frames in a terminal", () => {
    it("cut a very long line to a window around the column", () => {
        const long = `import * as aws from "@pulumi/aws";\nconst pad = "${"x".repeat(5000)}"; new aws.s3.Bucket("b");\n`;
        const r = runGuardrail(["lint"], scratchProject({ "index.ts": long }));
        expect(r.code).toBe(1);
        const frameLine = r.stdout.split("\n").find((l) => l.includes("> 2 |"));
        expect(frameLine).toMatch(/> 2 \|/);
        expect(frameLine!.length).toBeLessThan(200);
        expect(frameLine).toContain('new aws.s3.Bucket("b")');
        expect(frameLine).toContain("…");
    });
    it("escape control characters from the source", () => {
        const code = `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b\u001b[2J\u0007");\n`;
        const r = runGuardrail(["lint"], scratchProject({ "index.ts": code }));
        expect(r.stdout).not.toMatch(/[\u001b\u0007]/);
        expect(r.stdout).toContain("\\x1b[2J\\x07");
    });
});

describe("a reader that stops early", () => {
    it("ends the run quietly: no EPIPE stack trace when stdout's pipe is closed (`guardrail ... | head`)", () => {
        // `true` exits before guardrail starts writing, so every write meets a closed pipe.
        const dir = scratchProject({ "index.ts": VIOLATING });
        const bin = path.join(REPO, "linter/bin/guardrail.js");
        const r = spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" lint . | true; echo "status $?" >&2`], { cwd: dir, encoding: "utf8" });
        expect(r.stderr).not.toMatch(/EPIPE|at .*\(node:|Unhandled/);
    });
});
