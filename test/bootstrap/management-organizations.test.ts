import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganization } from "@guardrails/organization";
import type { ProgramRun } from "../../linter/src/preview/program-run";
import { rootIdOf } from "../../bootstrap/management/organizations";
import { baselineServiceControlPolicy, SCP_MAX_CHARACTERS } from "../../bootstrap/management/service-control-policies";
import { mapVariant } from "../programs/org-maps";
import { expectAllOnProvider, jsonInput, resourceNamed, resourcesOfType, runStack } from "../programs/stack-runs";

/** AWS Organizations from the map: OUs, member accounts (adopted or created), the baseline SCP. */
const DIR = "bootstrap/management";
const org = loadOrganization();
const ACCOUNT = "aws:organizations/account:Account";
const OU = "aws:organizations/organizationalUnit:OrganizationalUnit";
let run: ProgramRun;

beforeAll(async () => {
    run = await runStack(DIR, "management");
    expect(run.errors).toEqual([]);
});

describe("bootstrap/management with organizations in the map", () => {
    it("puts every Organizations resource and the organisation look-up on the management provider", () => {
        expectAllOnProvider(run, "management");
        expect(resourcesOfType(run, ACCOUNT).length + resourcesOfType(run, OU).length).toBeGreaterThan(0);
    });

    it("one OU per environment of the members, under the organisation's root", () => {
        expect(resourcesOfType(run, OU).map((r) => [r.name, r.inputs.name, r.inputs.parentId])).toEqual([
            ["ou-dev", "dev", "r-mock"],
            ["ou-prod", "prod", "r-mock"],
        ]);
        expect(run.outputs.organizationalUnitIds).toEqual({ dev: "ou-dev-id", prod: "ou-prod-id" });
    });

    it("adopts each member with an id through import, in its OU, protected, never closed on deletion", () => {
        const accounts = resourcesOfType(run, ACCOUNT);
        expect(accounts.map((a) => a.name)).toEqual(["account-shop-dev", "account-shop-prod"]);
        const shopDev = resourceNamed(run, ACCOUNT, "account-shop-dev");
        expect(shopDev.inputs).toMatchObject({
            name: "shop-dev",
            email: "aws+shop-dev@acme.example",
            parentId: "ou-dev-id",
            roleName: "OrganizationAccountAccessRole",
            iamUserAccessToBilling: "ALLOW",
            closeOnDeletion: false,
        });
        expect(shopDev.options).toEqual({ protect: true, importId: "222222222222", ignoreChanges: ["roleName", "iamUserAccessToBilling"] });
        expect(resourceNamed(run, ACCOUNT, "account-shop-prod").inputs.parentId).toBe("ou-prod-id");
        expect(run.outputs.memberAccountIds).toEqual({ "shop-dev": "222222222222", "shop-prod": "333333333333" });
        expect(run.outputs.createdAccountIds).toEqual({});
    });

    it("leaves the account outside the organisation alone", () => {
        expect(run.resources.filter((r) => r.name.includes("data-dev"))).toEqual([]);
    });

    it("one baseline SCP, from the map's region list, attached to every OU (not the root)", () => {
        const scp = resourceNamed(run, "aws:organizations/policy:Policy", "guardrails-baseline");
        expect(scp.inputs).toMatchObject({ type: "SERVICE_CONTROL_POLICY", name: "acme-guardrails-baseline" });
        expect(jsonInput(scp, "content")).toEqual(baselineServiceControlPolicy({ protectAuditServices: false, allowedRegions: ["ap-southeast-2", "us-east-1"] }));
        expect(resourcesOfType(run, "aws:organizations/policyAttachment:PolicyAttachment").map((a) => [a.name, a.inputs.policyId, a.inputs.targetId])).toEqual([
            ["guardrails-baseline-dev", "guardrails-baseline-id", "ou-dev-id"],
            ["guardrails-baseline-prod", "guardrails-baseline-id", "ou-prod-id"],
        ]);
    });

    it("creates a member listed without an id (no import), and exports its id to write into the map", async () => {
        const file = mapVariant((m) => m.subAccounts.push({ name: "shop-qa", environment: "qa", email: "aws+shop-qa@acme.example" }));
        const created = await runStack(DIR, "management", { orgMap: file });
        expect(created.errors).toEqual([]);
        const qa = resourceNamed(created, ACCOUNT, "account-shop-qa");
        expect(qa.options).toEqual({ protect: true, ignoreChanges: ["roleName", "iamUserAccessToBilling"] });
        expect(qa.inputs).toMatchObject({ name: "shop-qa", parentId: "ou-qa-id", closeOnDeletion: false });
        expect(created.outputs.createdAccountIds).toEqual({ "shop-qa": "account-shop-qa-id" });
        // No roles reach it until it has an id: the mapping names accounts with ids only.
        expect(JSON.stringify(jsonInput(resourceNamed(created, "aws:iam/rolePolicy:RolePolicy", "Management-Admin-mapping"), "policy"))).not.toMatch(/qa/);
    });

    it("with the organisation trail, the SCP also keeps members from switching CloudTrail and GuardDuty off", async () => {
        const trail = await runStack(DIR, "management", { config: { "bootstrap-management:organizationTrail": "true" } });
        expect(trail.errors).toEqual([]);
        const scp = jsonInput(resourceNamed(trail, "aws:organizations/policy:Policy", "guardrails-baseline"), "content") as { Statement: { Sid: string }[] };
        expect(scp.Statement.map((s) => s.Sid)).toEqual(["DenyLeavingTheOrganization", "DenyRootUser", "DenyDisablingAuditServices", "DenyRegionsOutsideTheAllowList"]);
    });

    it("without the section: no Organizations resource and no look-up", async () => {
        const file = mapVariant((m) => {
            delete m.organizations;
            for (const a of m.subAccounts) {
                delete a.email;
                delete a.inOrganization;
            }
        });
        const off = await runStack(DIR, "management", { orgMap: file });
        expect(off.errors).toEqual([]);
        expect(off.resources.filter((r) => r.type.startsWith("aws:organizations"))).toEqual([]);
        expect(off.invokes).toEqual([]);
        expect(off.outputs.memberAccountIds).toBeUndefined();
    });
});

describe("the organisation's root", () => {
    const root = (policyTypes: { type: string; status: string }[]) => ({ id: "r-ab12", arn: "arn", name: "Root", policyTypes });
    it("is used once SCPs are enabled on it", () => {
        expect(rootIdOf({ featureSet: "ALL", enabledPolicyTypes: [], roots: [root([{ type: "SERVICE_CONTROL_POLICY", status: "ENABLED" }])] })).toBe("r-ab12");
    });
    it.each([
        { name: "consolidated billing only", org: { featureSet: "CONSOLIDATED_BILLING", enabledPolicyTypes: [], roots: [root([])] }, message: /feature set CONSOLIDATED_BILLING; .*enable-all-features/ },
        { name: "SCPs not enabled", org: { featureSet: "ALL", enabledPolicyTypes: [], roots: [root([{ type: "TAG_POLICY", status: "ENABLED" }])] }, message: /not enabled on root r-ab12 \(aws organizations enable-policy-type --root-id r-ab12 --policy-type SERVICE_CONTROL_POLICY\)/ },
        { name: "SCPs being disabled", org: { featureSet: "ALL", enabledPolicyTypes: [], roots: [root([{ type: "SERVICE_CONTROL_POLICY", status: "PENDING_DISABLE" }])] }, message: /not enabled on root r-ab12/ },
        { name: "no root", org: { featureSet: "ALL", enabledPolicyTypes: [], roots: [] }, message: /has no root/ },
    ])("refuses an organisation with $name, saying what to do", ({ org: o, message }) => {
        expect(() => rootIdOf(o)).toThrowError(message);
    });
});

describe("the baseline SCP document", () => {
    it("has the baseline statements only, by default", () => {
        expect(baselineServiceControlPolicy({ protectAuditServices: false, allowedRegions: [] }).Statement.map((s) => s.Sid)).toEqual(["DenyLeavingTheOrganization", "DenyRootUser"]);
    });
    it("fits AWS's 5,120 characters with every statement and a long region list", () => {
        const regions = ["ap-southeast-2", "ap-southeast-4", "us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1", "eu-north-1", "ap-northeast-1", "ap-south-1", "ca-central-1"];
        expect(JSON.stringify(baselineServiceControlPolicy({ protectAuditServices: true, allowedRegions: regions })).length).toBeLessThan(SCP_MAX_CHARACTERS);
    });
    it("the management account appears nowhere in it: SCPs do not bind it anyway, and nothing is attached to the root", () => {
        expect(JSON.stringify(jsonInput(resourceNamed(run, "aws:organizations/policy:Policy", "guardrails-baseline"), "content"))).not.toMatch(org.management.accountId);
        expect(resourcesOfType(run, "aws:organizations/policyAttachment:PolicyAttachment").map((a) => a.inputs.targetId)).not.toContain("r-mock");
    });
});
