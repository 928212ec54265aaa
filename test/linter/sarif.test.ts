import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runGuardrail, scratchProject, VIOLATING } from "./cli-helpers";

const MULTITOOL = path.resolve(__dirname, "../../node_modules/.bin/sarif-multitool");

interface SarifLog {
    version: string;
    runs: {
        tool: { driver: { name: string; rules: { id: string; help?: { text: string }; defaultConfiguration?: { level: string } }[] } };
        results: { ruleId: string; level: string; partialFingerprints?: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    }[];
}

function sarifFor(files: Record<string, string>): { dir: string; file: string; log: SarifLog } {
    const dir = scratchProject(files);
    const r = runGuardrail(["lint", "--format", "sarif", "--output-file", "guardrail.sarif"], dir);
    expect(r.code).toBe(1);
    const file = path.join(dir, "guardrail.sarif");
    return { dir, file, log: JSON.parse(fs.readFileSync(file, "utf8")) as SarifLog };
}

describe("guardrail lint --format sarif", () => {
    const warningToo = `import * as aws from "@pulumi/aws";\nexport const q = (o: any) => new aws.sqs.Queue("q", {}, o);\n`;

    it("passes the official SARIF Multitool validator without errors", () => {
        const { dir, file } = sarifFor({ "index.ts": VIOLATING, "helpers.ts": warningToo });
        const out = path.join(dir, "validation.sarif");
        const r = spawnSync(MULTITOOL, ["validate", file, "--output", out], { encoding: "utf8" });
        expect(r.status).toBe(0);
        const validation = JSON.parse(fs.readFileSync(out, "utf8")) as SarifLog;
        const errors = validation.runs[0].results.filter((x) => x.level === "error");
        expect(errors).toEqual([]);
    }, 60_000);

    it("carries rule metadata with help text and stable rule ids", () => {
        const { log } = sarifFor({ "index.ts": VIOLATING });
        expect(log.version).toBe("2.1.0");
        const rules = log.runs[0].tool.driver.rules;
        expect(rules.map((r) => r.id)).toEqual([
            "require-resource-provider",
            "require-invoke-provider",
            "require-component-provider",
            "require-provider-assume-role",
            "component-forwards-options",
            "unverifiable-options",
            "parse-error",
            "invalid-suppression",
            "unused-suppression",
            "invoke-default-provider",
            "default-provider-disabled",
            "unreadable-stack",
        ]);
        for (const rule of rules) {
            expect(rule.help?.text.length).toBeGreaterThan(20);
        }
        expect(rules.find((r) => r.id === "unverifiable-options")?.defaultConfiguration?.level).toBe("warning");
    });

    it("locates results relative to the working directory, with partial fingerprints that survive line shifts", () => {
        const before = sarifFor({ "src/index.ts": VIOLATING }).log.runs[0].results;
        const after = sarifFor({ "src/index.ts": `// a new comment line\n${VIOLATING}` }).log.runs[0].results;
        expect(before[0].ruleId).toBe("require-resource-provider");
        expect(before[0].locations[0].physicalLocation.artifactLocation.uri).toBe("src/index.ts");
        expect(before[0].locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 23 });
        expect(after[0].locations[0].physicalLocation.region.startLine).toBe(3);
        expect(after[0].partialFingerprints).toEqual(before[0].partialFingerprints);
    });
});
