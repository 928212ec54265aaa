import { describe, expect, it } from "vitest";
import { loadOrganization } from "@guardrails/organization";
import { mapVariant } from "../programs/org-maps";
import { expectAllOnProvider, jsonInput, resourceNamed, runStack } from "../programs/stack-runs";

const org = loadOrganization();
const mgmtRole = (name: string) => `arn:aws:iam::${org.management.accountId}:role/${name}`;

describe("bootstrap/subaccount under mocks, one stack per sub-account", () => {
    it.each(org.subAccounts.map((a) => ({ account: a.name, env: a.environment, id: a.accountId, alias: a.alias, member: a.inOrganization })))("$account ($env, member: $member)", async ({ account, env, id, alias, member }) => {
        const run = await runStack("bootstrap/subaccount", account);
        expect(run.errors).toEqual([]);
        expectAllOnProvider(run, account);
        const provider = resourceNamed(run, "pulumi:providers:aws", account);
        expect(JSON.parse(provider.inputs.allowedAccountIds as string)).toEqual([id]);
        // A member is set up from the management account through the organisation's access role; the others with their own credentials.
        expect(provider.inputs.assumeRoles === undefined ? undefined : JSON.parse(provider.inputs.assumeRoles as string)).toEqual(
            member ? [{ roleArn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`, sessionName: "bootstrap-subaccount" }] : undefined,
        );
        expect(run.outputs.accessMode).toBe(member ? "organization" : "account");

        const admin = resourceNamed(run, "aws:iam/role:Role", "Admin");
        const billing = resourceNamed(run, "aws:iam/role:Role", "Billing");
        const trustedBy = (role: typeof admin) => {
            const doc = jsonInput(role, "assumeRolePolicy") as { Statement: { Principal: unknown; Action: string; Condition: { ArnEquals: Record<string, string[]> } }[] };
            expect(doc.Statement).toHaveLength(1);
            expect(doc.Statement[0].Principal).toEqual({ AWS: `arn:aws:iam::${org.management.accountId}:root` });
            expect(doc.Statement[0].Action).toBe("sts:AssumeRole");
            return doc.Statement[0].Condition.ArnEquals["aws:PrincipalArn"];
        };
        expect(trustedBy(admin)).toEqual(env === "dev" ? [mgmtRole("Management-Admin"), mgmtRole("Management-Developer")] : [mgmtRole("Management-Admin")]);
        expect(trustedBy(billing)).toEqual([mgmtRole("Management-Admin"), mgmtRole("Management-Billing")]);
        expect(admin.inputs.maxSessionDuration).toBe(3600);

        expect(resourceNamed(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "Admin-managed").inputs.policyArn).toBe("arn:aws:iam::aws:policy/AdministratorAccess");
        expect(resourceNamed(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "Billing-managed").inputs.policyArn).toBe("arn:aws:iam::aws:policy/job-function/Billing");
        expect(resourceNamed(run, "aws:iam/accountAlias:AccountAlias", "alias").inputs.accountAlias).toBe(alias);
        expect(run.outputs.switchRoleUrls).toMatchObject({ admin: `https://signin.aws.amazon.com/switchrole?account=${alias}&roleName=Admin&displayName=${account}-admin` });
    });

    it("refuses the management account as a stack", async () => {
        const run = await runStack("bootstrap/subaccount", "shop-dev", { config: { "bootstrap-subaccount:account": org.management.name } });
        expect(run.errors.join("\n")).toMatch(/"management" is the management account/);
        expect(run.resources.filter((r) => r.type.startsWith("aws:"))).toEqual([]);
    });

    it("access: account keeps a member on its own credentials (an invited account without the access role)", async () => {
        const run = await runStack("bootstrap/subaccount", "shop-dev", { config: { "bootstrap-subaccount:access": "account" } });
        expect(run.errors).toEqual([]);
        expect(resourceNamed(run, "pulumi:providers:aws", "shop-dev").inputs.assumeRoles).toBeUndefined();
        expect(run.outputs.accessMode).toBe("account");
    });

    it.each([
        { stack: "data-dev", value: "organization", message: /data-dev is not a member of the organisation in the organisation map, so it cannot be reached through the access role/ },
        { stack: "shop-dev", value: "sso", message: /access must be organization or account \(got "sso"\)/ },
    ])("refuses access: $value for $stack", async ({ stack, value, message }) => {
        const run = await runStack("bootstrap/subaccount", stack, { config: { "bootstrap-subaccount:access": value } });
        expect(run.errors.join("\n")).toMatch(message);
        expect(run.resources.filter((r) => r.type.startsWith("aws:"))).toEqual([]);
    });

    it("the organisation's own access role name from the map", async () => {
        const file = mapVariant((m) => (m.organizations.accessRoleName = "AcmeAccess"));
        const run = await runStack("bootstrap/subaccount", "shop-prod", { orgMap: file });
        expect(run.errors).toEqual([]);
        expect(JSON.parse(resourceNamed(run, "pulumi:providers:aws", "shop-prod").inputs.assumeRoles as string)[0].roleArn).toBe("arn:aws:iam::333333333333:role/AcmeAccess");
    });

    it("a member still to be created has no stack yet: a clear error", async () => {
        const file = mapVariant((m) => m.subAccounts.push({ name: "shop-qa", environment: "qa", email: "aws+shop-qa@acme.example" }));
        const run = await runStack("bootstrap/subaccount", "shop-dev", { orgMap: file, config: { "bootstrap-subaccount:account": "shop-qa" } });
        expect(run.errors.join("\n")).toMatch(/sub-account "shop-qa" has no account id yet: bootstrap\/management creates it/);
    });

    it("names the known accounts when the stack is unknown", async () => {
        const run = await runStack("bootstrap/subaccount", "shop-dev", { config: { "bootstrap-subaccount:account": "shop-qa" } });
        expect(run.errors.join("\n")).toMatch(/unknown sub-account "shop-qa" \(the organisation map lists: shop-dev, shop-prod, data-dev\)/);
    });
});
