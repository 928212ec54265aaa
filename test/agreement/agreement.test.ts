import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { lineOfFinding, lintProgram, runtimeVerdicts, runUnderMocks } from "./agreement";

const PROGRAMS = path.resolve(__dirname, "../fixtures/agreement");

describe.each(["platform", "events", "async-entry", "patterns", "transformations", "engine-transforms", "idioms", "callbacks", "registries"])("linter and SDK agree on %s", (program) => {
    const dir = path.join(PROGRAMS, program);
    it("flags exactly the lines whose resources, invokes and providers the SDK sent without what they need", async () => {
        const run = await runUnderMocks(dir);
        expect(run.errors).toEqual([]);
        const { verdicts, untraced } = runtimeVerdicts(dir, run);
        expect(untraced).toEqual([]);
        const findings = lintProgram(dir);
        expect(findings.filter((f) => f.severity === "warning").map((f) => `${lineOfFinding(dir, f)} ${f.message}`)).toEqual([]);
        const flagged = new Set(findings.filter((f) => f.severity === "error").map((f) => lineOfFinding(dir, f)));
        const badLines = new Set(verdicts.filter((v) => !v.ok).map((v) => v.line));
        // Every line the SDK got wrong is flagged ...
        const missed = verdicts.filter((v) => !v.ok && !flagged.has(v.line)).map((v) => `${v.line} ${v.what}`);
        // ... and every flagged line is one of them.
        const wolf = [...flagged].filter((l) => !badLines.has(l)).map((l) => `${l} ${findings.find((f) => lineOfFinding(dir, f) === l)?.message}`);
        expect({ missed, wolf }).toEqual({ missed: [], wolf: [] });
        // Both kinds are present, so the comparison can fail either way.
        expect(verdicts.some((v) => v.ok)).toBe(true);
        expect(verdicts.some((v) => !v.ok)).toBe(true);
    }, 120_000);
});
