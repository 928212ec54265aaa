import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrganization, renderMermaid, renderText } from "@guardrails/organization";
import { mapVariant, withIdentityCenterAndAuditor } from "../programs/org-maps";
import { REPO } from "../programs/stack-runs";

/** The picture `guardrail org-map` draws, from the map alone. */
const bundled = loadOrganization();
const variant = (edit: Parameters<typeof mapVariant>[0]) => loadOrganization(mapVariant(edit));

/** Node declarations (`id[...]`, `id[(...)]`) and subgraph ids, and every edge's two ends. */
function structure(diagram: string) {
    const lines = diagram.trimEnd().split("\n");
    const declared = new Set<string>();
    const edges: [string, string, string][] = [];
    for (const line of lines.slice(1)) {
        const edge = /^\s*(\w+) (-->|-\.->)(?:\|"([^"]*)"\|)? (\w+)$/.exec(line);
        if (edge) {
            edges.push([edge[1], edge[4], edge[3] ?? ""]);
            continue;
        }
        const node = /^\s*(?:subgraph )?(\w+)\[/.exec(line);
        if (node) {
            expect(declared.has(node[1]), `declared twice: ${node[1]}`).toBe(false);
            declared.add(node[1]);
        } else {
            expect(line.trim(), `unexpected line: ${line}`).toBe("end");
        }
    }
    return { lines, declared, edges };
}

/** The label a node was declared with. */
const labelOf = (diagram: string, node: string) => new RegExp(`^\\s*(?:subgraph )?${node}\\[\\(?"([^"]*)"`, "m").exec(diagram)?.[1];
/** Edges as `from label -> to label [edge label]`. */
function edgesByLabel(diagram: string): string[] {
    return structure(diagram).edges.map(([from, to, via]) => `${labelOf(diagram, from)} -> ${labelOf(diagram, to)}${via ? ` [${via}]` : ""}`);
}

describe("org-map as Mermaid", () => {
    it("the bundled map: every edge joins declared nodes, blocks balance", () => {
        const diagram = renderMermaid(bundled);
        expect(diagram.startsWith("flowchart LR\n")).toBe(true);
        const { lines, declared, edges } = structure(diagram);
        for (const [from, to] of edges) {
            expect(declared.has(from) && declared.has(to), `${from} -> ${to}`).toBe(true);
        }
        expect(lines.filter((l) => /^\s*subgraph /.test(l)).length).toBe(lines.filter((l) => l.trim() === "end").length);
    });

    it("draws who can reach what in the bundled map", () => {
        const edges = edgesByLabel(renderMermaid(bundled));
        expect(edges).toEqual(
            expect.arrayContaining([
                "IAM group platform-admins -> Management-Admin [MFA]",
                "IAM group finance -> Management-Billing [MFA]",
                "IAM group developers -> Management-Developer [MFA]",
                "Management-Admin -> Pulumi state s3://acme-pulumi-state [read/write]",
                "setup credentials (break-glass) -> OrganizationAccountAccessRole",
            ]),
        );
        // The mapping, as the role mapping states it: sub-account roles are drawn once per account.
        const diagram = renderMermaid(bundled);
        const reached = (role: string) =>
            structure(diagram)
                .edges.filter(([from]) => labelOf(diagram, from) === role)
                .map(([, to]) => `${labelOf(diagram, to.replace(/_(admin|billing)$/, ""))}:${labelOf(diagram, to)}`)
                .filter((t) => !t.includes("Pulumi state"));
        expect(reached("Management-Admin").sort()).toEqual(
            ["shop-dev 222222222222:Admin", "shop-dev 222222222222:Billing", "shop-prod 333333333333:Admin", "shop-prod 333333333333:Billing", "data-dev 444444444444:Admin", "data-dev 444444444444:Billing"].sort(),
        );
        expect(reached("Management-Billing").sort()).toEqual(["data-dev 444444444444:Billing", "shop-dev 222222222222:Billing", "shop-prod 333333333333:Billing"]);
        expect(reached("Management-Developer").sort()).toEqual(["data-dev 444444444444:Admin", "shop-dev 222222222222:Admin"]);
        // Two access-role edges: the members only, not data-dev.
        expect(edges.filter((e) => e.startsWith("setup credentials"))).toHaveLength(2);
    });

    it("nests member accounts in their OU under the root, the account outside and the management account beside it", () => {
        const lines = renderMermaid(bundled).split("\n");
        const at = (text: string) => lines.findIndex((l) => l.includes(text));
        const rootEnd = lines.findIndex((l, i) => i > at('"Organization root"') && l === "  end");
        expect(at('"OU dev (baseline SCP)"')).toBeGreaterThan(at('"Organization root"'));
        expect(at('"shop-prod 333333333333"')).toBeGreaterThan(at('"OU prod (baseline SCP)"'));
        expect(at('"shop-prod 333333333333"')).toBeLessThan(rootEnd);
        expect(at('"outside the organisation"')).toBeGreaterThan(rootEnd);
        expect(at('"management 111111111111"')).toBeLessThan(at('"Organization root"'));
    });

    it("Identity Center permission sets, a CI role through OIDC, and the auditor reading state only", () => {
        const diagram = renderMermaid(variant(withIdentityCenterAndAuditor));
        const edges = edgesByLabel(diagram);
        expect(edges).toEqual(
            expect.arrayContaining([
                "Identity Center permission set AdministratorAccess -> Management-Admin",
                "Identity Center permission set Developer -> Management-Developer",
                "OIDC token.actions.githubusercontent.com -> Management-Auditor [repo:acme/infrastructure:ref:refs/heads/main]",
                "Management-Auditor -> Pulumi state s3://acme-pulumi-state [read]",
            ]),
        );
        expect(edges.filter((e) => e.startsWith("Management-Auditor"))).toEqual(["Management-Auditor -> Pulumi state s3://acme-pulumi-state [read]"]);
        expect(diagram).not.toMatch(/IAM group/);
    });

    it("without Organizations: accounts per environment, no root, no access role", () => {
        const diagram = renderMermaid(
            variant((m) => {
                delete m.organizations;
                for (const a of m.subAccounts) {
                    delete a.email;
                    delete a.inOrganization;
                }
            }),
        );
        expect(diagram).toMatch(/subgraph env0\["environment dev"\]/);
        expect(diagram).not.toMatch(/Organization root|OrganizationAccountAccessRole|setup credentials/);
        expect(structure(diagram).edges.length).toBeGreaterThan(0);
    });

    it("an account still to be created: in its OU, reachable through the access role only", () => {
        const diagram = renderMermaid(variant((m) => m.subAccounts.push({ name: "shop-qa", environment: "qa", email: "aws+shop-qa@acme.example" })));
        expect(diagram).toMatch(/subgraph env2\["OU qa \(baseline SCP\)"\]\n\s+subgraph (acct\d)\["shop-qa \(to be created\)"\]\n\s+\1_access\["OrganizationAccountAccessRole"\]\n\s+end/);
    });

    it("labels cannot break out of their quotes", () => {
        const diagram = renderMermaid(variant((m) => (m.signIn = { kind: "oidc", providerArn: "arn:aws:iam::111111111111:oidc-provider/idp.example", audience: "x", subjects: ['a"b'] })));
        expect(diagram).toMatch(/\|"a#quot;b"\|/);
    });
});

describe("org-map as text", () => {
    it("lists each management role with its way in, its targets per environment and its state access", () => {
        expect(renderText(bundled)).toBe(
            [
                "organisation acme: management account management (111111111111)",
                "",
                "who can reach what",
                "  Management-Admin <- IAM group platform-admins (MFA)",
                "    dev: shop-dev Admin, shop-dev Billing, data-dev Admin, data-dev Billing",
                "    prod: shop-prod Admin, shop-prod Billing",
                "    Pulumi state s3://acme-pulumi-state: read/write",
                "  Management-Billing <- IAM group finance (MFA)",
                "    dev: shop-dev Billing, data-dev Billing",
                "    prod: shop-prod Billing",
                "    Pulumi state s3://acme-pulumi-state: read/write",
                "  Management-Developer <- IAM group developers (MFA)",
                "    dev: shop-dev Admin, data-dev Admin",
                "    Pulumi state s3://acme-pulumi-state: read/write",
                "",
                "AWS Organizations (access role OrganizationAccountAccessRole, baseline SCP on every OU)",
                "  OU dev (baseline SCP)",
                "    shop-dev 222222222222",
                "  OU prod (baseline SCP)",
                "    shop-prod 333333333333",
                "  outside the organisation",
                "    data-dev 444444444444",
                "",
            ].join("\n"),
        );
    });

    it("says when nobody is granted a role yet", () => {
        expect(renderText(variant((m) => delete m.signIn))).toMatch(/Management-Admin <- nobody yet/);
    });
});

describe("the README's diagram", () => {
    it("is the bundled map's (regenerate: npx guardrail org-map, between the org-map markers)", () => {
        const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
        const block = /<!-- org-map:begin -->\n```mermaid\n([\s\S]*?)```\n<!-- org-map:end -->/.exec(readme);
        expect(block, "README.md has the org-map block").not.toBeNull();
        expect(block![1]).toBe(renderMermaid(bundled));
    });
});
