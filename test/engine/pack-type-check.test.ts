import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyzerSession } from "../../linter/src/engine/analyzer-session";
import { startedAsTheEngineDoes } from "../harness/pack-env";
import { TEST_ROOT, TEST_TMP } from "../harness/under-test";

/**
 * The suite's packs transpile instead of type-checking (test/harness/pack-transpile-only.cjs); the
 * cases that run as a user does start theirs as the engine does. Both halves of that claim, on a
 * pack whose only fault is a type error: the engine's start refuses it, the tests' start runs it.
 */
let pack: string;
beforeAll(() => {
    fs.mkdirSync(TEST_TMP, { recursive: true });
    pack = fs.mkdtempSync(path.join(TEST_TMP, "type-error-pack-"));
    fs.cpSync(path.join(TEST_ROOT, "test/fixtures/noop-policypack"), pack, { recursive: true });
    fs.appendFileSync(path.join(pack, "index.ts"), '\nexport const notANumber: number = "text";\n');
});
afterAll(() => fs.rmSync(pack, { recursive: true, force: true }));

describe("how the tests start policy packs", () => {
    it("as the engine starts it (run-policy-pack registers ts-node with typeCheck), a pack with a type error fails to start", async () => {
        const start = startedAsTheEngineDoes(() => AnalyzerSession.start({ packDir: pack }));
        await expect(start).rejects.toThrow(/TS2322: Type 'string' is not assignable to type 'number'/);
    });

    it("under the tests' preload the same pack starts and answers: only its types went unchecked", async () => {
        const session = await AnalyzerSession.start({ packDir: pack });
        try {
            expect(session.info.policies.map((p) => p.name)).toContain("noop-resource");
        } finally {
            await session.close();
        }
    });
});
