import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runGuardrail, scratchProject, VIOLATING } from "../linter/cli-helpers";

/**
 * The bin's code cache on Node 20 (linter/bin/code-cache.js): made after a run that analysed code,
 * reused by the next run, and never a reason for a run to fail. The cache lives under the
 * temporary folder, so each case points TMPDIR at a folder of its own.
 */
const builtIn = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === "function";

/** The cache files under `tmp`, with when they were written and a digest of their contents (comparing megabytes byte by byte is slow). */
function cacheFiles(tmp: string): Map<string, string> {
    const out = new Map<string, string>();
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.name.endsWith(".bin")) {
                const bytes = fs.readFileSync(full);
                out.set(full, `${fs.statSync(full).mtimeMs} ${bytes.length}:${createHash("sha1").update(bytes).digest("hex")}`);
            }
        }
    };
    walk(tmp);
    return out;
}

function setUp() {
    const project = scratchProject({ "index.ts": VIOLATING });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-code-cache-test-"));
    const lint = () => runGuardrail(["lint", "--format", "json", "index.ts"], project, { TMPDIR: tmp });
    return { project, tmp, lint };
}

describe.skipIf(builtIn)("the code cache of the bin on Node 20", () => {
    it("is written by a lint run, not by --help, and a later run reuses it unchanged with the same report", () => {
        const { tmp, lint, project } = setUp();
        expect(runGuardrail(["--help"], project, { TMPDIR: tmp }).code).toBe(0);
        expect(cacheFiles(tmp).size).toBe(0);

        const first = lint();
        expect(first.code).toBe(1);
        const written = cacheFiles(tmp);
        // The bundled CLI, the TypeScript compiler and ts-morph's bundle.
        expect(written.size).toBe(3);

        const second = lint();
        expect(second.code).toBe(1);
        expect(second.stdout).toBe(first.stdout);
        // A cache V8 accepted is not made again.
        expect(cacheFiles(tmp)).toEqual(written);
    });

    it("a damaged cache is rejected and made again; the run's report is the same", () => {
        const { tmp, lint } = setUp();
        const clean = lint();
        const written = cacheFiles(tmp);
        for (const file of written.keys()) {
            fs.writeFileSync(file, "not a code cache");
        }
        const again = lint();
        expect(again.code).toBe(1);
        expect(again.stdout).toBe(clean.stdout);
        expect(again.stderr).toBe(clean.stderr);
        const remade = cacheFiles(tmp);
        expect([...remade.keys()]).toEqual([...written.keys()]);
        for (const file of remade.keys()) {
            expect(fs.statSync(file).size).toBeGreaterThan(100_000);
        }
    });

    it("a cache folder that cannot be written changes nothing but speed", () => {
        const { project } = setUp();
        // TMPDIR names a file: no folder can be made under it.
        const notADir = path.join(project, "index.ts");
        const r = runGuardrail(["lint", "--format", "json", "index.ts"], project, { TMPDIR: notADir });
        expect(r.code).toBe(1);
        expect(r.stderr).toBe("");
        expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["require-resource-provider"]);
    });
});

describe.skipIf(!builtIn)("the code cache on Node 22 and later", () => {
    it("is Node's own: the bin writes none of its own", () => {
        const { tmp, lint } = setUp();
        expect(lint().code).toBe(1);
        expect(cacheFiles(tmp).size).toBe(0);
    });
});
