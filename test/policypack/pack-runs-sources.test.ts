import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AnalyzerSession } from "../../linter/src/engine/analyzer-session";
import { defaultAwsProvider, resource } from "../harness/resources";
import { TEST_TMP } from "../harness/under-test";
import { PACK_DIR, packConfig, usePackSession } from "./fixtures";

/**
 * The running pack must be the TypeScript in policypack/ and the policy library it imports
 * (policy/), not JavaScript compiled from an older version of them: Node resolves `./x` to `x.js`
 * before `x.ts`, so a stale `.js` beside its source would silently run instead.
 */
const LIBRARY_DIR = path.resolve(PACK_DIR, "../policy");

function walk(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
            return e.name === "node_modules" ? [] : walk(full);
        }
        return [full];
    });
}

/** The `description: "..."` literal written in a policy's source file. */
function describedInSource(file: string): string {
    const m = /\bdescription:\s*"((?:[^"\\]|\\.)*)"/.exec(fs.readFileSync(file, "utf8"));
    if (!m) {
        throw new Error(`no description literal in ${file}`);
    }
    return JSON.parse(`"${m[1]}"`) as string;
}

describe("the policy pack runs its TypeScript sources", () => {
    it("has no compiled JavaScript beside a TypeScript source", () => {
        const stale = [...walk(PACK_DIR), ...walk(LIBRARY_DIR)].filter((f) => /\.js(\.map)?$/.test(f) && fs.existsSync(f.replace(/\.js(\.map)?$/, ".ts")));
        expect(stale.map((f) => path.relative(path.dirname(PACK_DIR), f))).toEqual([]);
    });

    const session = usePackSession();
    it("reports each policy's description exactly as its .ts file writes it", () => {
        const dir = path.join(LIBRARY_DIR, "policies");
        const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts");
        const running = new Map(session().info.policies.map((p) => [p.name, p.description]));
        expect(files.length).toBe(running.size);
        for (const file of files) {
            expect(running.get(path.basename(file, ".ts")), file).toBe(describedInSource(path.join(dir, file)));
        }
    });

    // A copy of the pack and its library beside it (so @pulumi/policy resolves from the same
    // node_modules), the pack importing the copied library, with one message edited in the library's
    // source: the edited text is what the engine must receive.
    const copies = path.join(TEST_TMP, `pack-copy-${process.pid}`);
    const copy = path.join(copies, "policypack");
    afterAll(() => fs.rmSync(copies, { recursive: true, force: true }));
    it("delivers an edit of a policy's .ts source to the engine", async () => {
        fs.rmSync(copies, { recursive: true, force: true });
        const withoutModules = (src: string) => !src.includes(`${path.sep}node_modules`);
        fs.cpSync(PACK_DIR, copy, { recursive: true, filter: withoutModules });
        fs.cpSync(LIBRARY_DIR, path.join(copies, "policy"), { recursive: true, filter: withoutModules });
        const index = path.join(copy, "index.ts");
        const imported = fs.readFileSync(index, "utf8").replace('from "@guardrails/policy"', 'from "../policy"');
        expect(imported).toContain('from "../policy"');
        fs.writeFileSync(index, imported);
        const policyFile = path.join(copies, "policy/policies/aws-explicit-provider.ts");
        const marker = `edited-${Date.now()}`;
        const source = fs.readFileSync(policyFile, "utf8");
        const edited = source.replace("which runs with the ambient ", `which runs (${marker}) with the ambient `);
        expect(edited).not.toBe(source);
        fs.writeFileSync(policyFile, edited);

        const edit = await AnalyzerSession.start({ packDir: copy, policyConfig: packConfig() });
        try {
            const got = await edit.analyze(resource("aws:s3/bucket:Bucket", "b", { provider: defaultAwsProvider() }));
            expect(got.find((d) => d.policyName === "aws-explicit-provider")?.message).toContain(marker);
        } finally {
            await edit.close();
        }
    });
});
