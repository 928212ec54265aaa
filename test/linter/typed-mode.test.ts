import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runGuardrail } from "./cli-helpers";

/**
 * --typed settles, with the type checker, options the syntax alone cannot: here a helper whose
 * options type makes `provider` required. The scratch project sits inside the repository so that
 * @pulumi/aws resolves from its node_modules.
 */
const scratch = path.resolve(__dirname, "../.tmp/typed-mode");

function project(helperOptionsType: string): string {
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.mkdirSync(scratch, { recursive: true });
    fs.writeFileSync(path.join(scratch, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "commonjs", target: "ES2022", esModuleInterop: true, skipLibCheck: true } }));
    fs.writeFileSync(
        path.join(scratch, "helpers.ts"),
        `import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
export function makeQueue(name: string, opts: ${helperOptionsType}) {
    return new aws.sqs.Queue(name, {}, opts);
}
`,
    );
    return scratch;
}

const findings = (stdout: string) => (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);

describe("guardrail lint --typed", () => {
    it("drops the unverifiable-options warning when the options type requires provider", () => {
        const dir = project("pulumi.CustomResourceOptions & { provider: aws.Provider }");
        expect(findings(runGuardrail(["lint", "--format", "json", "helpers.ts"], dir).stdout)).toEqual(["unverifiable-options"]);
        const typed = runGuardrail(["lint", "--typed", "--format", "json", "helpers.ts"], dir);
        expect(findings(typed.stdout)).toEqual([]);
        expect(typed.code).toBe(0);
    }, 120_000);

    it("keeps it when provider is optional in the type", () => {
        const dir = project("pulumi.CustomResourceOptions");
        expect(findings(runGuardrail(["lint", "--typed", "--format", "json", "helpers.ts"], dir).stdout)).toEqual(["unverifiable-options"]);
    }, 120_000);
});
