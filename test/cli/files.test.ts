import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CLEAN, GUARDRAIL_BIN, runGuardrail, scratchProject, VIOLATING } from "../linter/cli-helpers";

const json = (stdout: string) => JSON.parse(stdout) as { findings: { file: string; ruleId: string }[]; summary: { filesLinted: number } };

describe("folders are walked as a user expects", () => {
    it("follows symbolic links to files and folders, and visits a looping link once", () => {
        const outside = scratchProject({ "shared/lib.ts": VIOLATING });
        const dir = scratchProject({ "index.ts": CLEAN, "real/a.ts": VIOLATING });
        fs.symlinkSync(path.join(outside, "shared"), path.join(dir, "linked"), "dir");
        fs.symlinkSync(path.join(dir, "real/a.ts"), path.join(dir, "alias.ts"));
        fs.symlinkSync("..", path.join(dir, "real/loop"), "dir");
        const r = runGuardrail(["lint", "--format", "json", "."], dir);
        expect(r.stderr).toBe("");
        // real/a.ts and alias.ts are one file; the loop adds nothing; the linked folder is walked.
        expect(json(r.stdout).findings.map((f) => f.file).sort()).toEqual(["alias.ts", "linked/lib.ts"].sort());
        expect(json(r.stdout).summary.filesLinted).toBe(3);
    });

    it("honours .gitignore, nested ones too, but lints a folder it was explicitly given", () => {
        const dir = scratchProject({
            ".gitignore": "generated/\n*.local.ts\n",
            "index.ts": CLEAN,
            "generated/out.ts": VIOLATING,
            "scratch.local.ts": VIOLATING,
            "sub/.gitignore": "tmp.ts\n",
            "sub/tmp.ts": VIOLATING,
            "sub/kept.ts": VIOLATING,
        });
        fs.mkdirSync(path.join(dir, ".git"));
        expect(json(runGuardrail(["lint", "--format", "json", "."], dir).stdout).findings.map((f) => f.file)).toEqual(["sub/kept.ts"]);
        expect(json(runGuardrail(["lint", "--format", "json", "generated"], dir).stdout).findings.map((f) => f.file)).toEqual(["generated/out.ts"]);
    });

    // Root reads anything through its DAC capabilities, so as root the CLI runs without them (setpriv):
    // still root, so the checkout stays reachable wherever it is (a 0700 mktemp folder, say), but
    // bound by file modes like any user.
    const asUser = (args: string[], cwd: string) => {
        const command = [process.execPath, GUARDRAIL_BIN, ...args];
        const withoutOverride = ["--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search", "--", ...command];
        const [file, ...rest] = process.getuid?.() === 0 ? ["setpriv", ...withoutOverride] : command;
        const r = spawnSync(file, rest, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const readableScratch = (files: Record<string, string>) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-perm-"));
        for (const [name, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
            fs.writeFileSync(path.join(dir, name), text);
        }
        fs.chmodSync(dir, 0o755);
        return dir;
    };

    it.each([
        { command: "lint", args: ["lint", "."] },
        { command: "check", args: ["check", "."] },
    ])("an unreadable folder is an error naming it, exit 2 ($command)", ({ args }) => {
        const dir = readableScratch({ "index.ts": CLEAN, "locked/secret.ts": VIOLATING });
        fs.chmodSync(path.join(dir, "locked"), 0o000);
        try {
            const r = asUser(args, dir);
            expect(r.code).toBe(2);
            expect(r.stderr).toMatch(/cannot read the folder .*locked \(EACCES\)/);
            expect(r.stderr).not.toMatch(/\n\s+at /);
        } finally {
            fs.chmodSync(path.join(dir, "locked"), 0o755);
        }
    });

    it("an unreadable file is an error naming it, exit 2", () => {
        const dir = readableScratch({ "index.ts": CLEAN, "secret.ts": VIOLATING });
        fs.chmodSync(path.join(dir, "secret.ts"), 0o000);
        const r = asUser(["lint", "secret.ts"], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/cannot read secret\.ts: EACCES/);
    });
});

describe("a package that is not installed", () => {
    it("is judged by its names, and the run says once that it could not be read (Node's own modules and other packages are not Pulumi's)", () => {
        const other = `import * as path from "node:path";\nimport * as fs from "fs";\nimport { z } from "zod";\n${VIOLATING}`;
        const r = runGuardrail(["lint", "--format", "json"], scratchProject({ "index.ts": VIOLATING, "other.ts": other }));
        const out = JSON.parse(r.stdout) as { findings: unknown[]; notices?: string[] };
        expect(out.findings).toHaveLength(2);
        expect(out.notices).toEqual([expect.stringMatching(/^@pulumi\/aws is not installed .*judged by their spelling only/)]);
    });
});
