import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrganization, renderMermaid, renderText } from "@guardrails/organization";
import { runGuardrail } from "../linter/cli-helpers";
import { mapVariant, withIdentityCenterAndAuditor } from "../programs/org-maps";
import { REPO } from "../programs/stack-runs";

/** `guardrail org-map` through the built bin, as users run it. */
const bundled = loadOrganization();
const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

describe("guardrail org-map", () => {
    it("draws the map at bootstrap/organization/organization.yaml of the working directory as Mermaid by default", () => {
        const r = runGuardrail(["org-map"], REPO, { GUARDRAILS_ORG_MAP: "" });
        expect(r.stderr).toBe("");
        expect(r.stdout).toBe(renderMermaid(bundled));
        expect(r.code).toBe(0);
    });

    it("--format text", () => {
        const r = runGuardrail(["org-map", "--format", "text"], REPO);
        expect(r.stdout).toBe(renderText(bundled));
        expect(r.code).toBe(0);
    });

    it("--org-map FILE, relative to the working directory, and GUARDRAILS_ORG_MAP without it", () => {
        const file = mapVariant(withIdentityCenterAndAuditor);
        const expected = renderMermaid(loadOrganization(file));
        const byFlag = runGuardrail(["org-map", "--org-map", path.basename(file)], path.dirname(file));
        expect(byFlag.stdout).toBe(expected);
        expect(byFlag.code).toBe(0);
        const byEnv = runGuardrail(["org-map"], os.tmpdir(), { GUARDRAILS_ORG_MAP: file });
        expect(byEnv.stdout).toBe(expected);
        expect(byEnv.code).toBe(0);
    });

    it("a missing map: one line naming it and how to point elsewhere, exit 2", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-org-map-"));
        const r = runGuardrail(["org-map"], dir, { GUARDRAILS_ORG_MAP: "" });
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toBe(`guardrail: cannot read the organisation map ${path.join("bootstrap", "organization", "organization.yaml")} (ENOENT); name it with --org-map FILE or GUARDRAILS_ORG_MAP\n`);
    });

    it("an invalid map: one line with every problem, each naming its entry, exit 2", () => {
        const file = mapVariant((m) => {
            m.subAccounts[0].accountId = "123";
            m.signIn.kind = "ldap";
        });
        const r = runGuardrail(["org-map", "--org-map", file], REPO);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
        expect(r.stderr).toMatch(/^guardrail: invalid organisation map .*organization\.yaml: .*signIn\.kind: "ldap" is not one of .*; subAccounts\[0\] \(shop-dev\)\.accountId: "123" is not a 12-digit AWS account id/);
        noStackTrace(r.stderr);
    });

    it("YAML that does not parse: exit 2, no stack trace", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guardrail-org-map-"));
        fs.writeFileSync(path.join(dir, "map.yaml"), "management: [\n");
        const r = runGuardrail(["org-map", "--org-map", "map.yaml"], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^guardrail: invalid organisation map map\.yaml: not valid YAML: .* at line 2, column 1\n$/);
        noStackTrace(r.stderr);
    });

    it("an unknown --format: exit 2 naming the choices", () => {
        const r = runGuardrail(["org-map", "--format", "svg"], REPO);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/Allowed choices are mermaid, text/);
    });

    it("--help names the default map", () => {
        const r = runGuardrail(["org-map", "--help"], REPO);
        expect(r.code).toBe(0);
        expect(r.stdout.replace(/\s+/g, " ")).toMatch(/default: \$GUARDRAILS_ORG_MAP, else bootstrap\/organization\/organization\.yaml/);
    });
});
