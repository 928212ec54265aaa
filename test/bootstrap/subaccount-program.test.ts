import { describe, expect, it } from "vitest";
import { loadOrganization } from "@guardrails/organization";
import { expectAllOnProvider, jsonInput, resourceNamed, runStack } from "../programs/stack-runs";

const org = loadOrganization();
const mgmtRole = (name: string) => `arn:aws:iam::${org.management.accountId}:role/${name}`;

describe("bootstrap/subaccount under mocks, one stack per sub-account", () => {
    it.each(org.subAccounts.map((a) => ({ account: a.name, env: a.environment, id: a.accountId, alias: a.alias })))("$account ($env)", async ({ account, env, id, alias }) => {
        const run = await runStack("bootstrap/subaccount", account);
        expect(run.errors).toEqual([]);
        expectAllOnProvider(run, account);
        const provider = resourceNamed(run, "pulumi:providers:aws", account);
        expect(JSON.parse(provider.inputs.allowedAccountIds as string)).toEqual([id]);

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

    it("names the known accounts when the stack is unknown", async () => {
        const run = await runStack("bootstrap/subaccount", "shop-dev", { config: { "bootstrap-subaccount:account": "shop-qa" } });
        expect(run.errors.join("\n")).toMatch(/unknown sub-account "shop-qa" \(the organisation map lists: shop-dev, shop-prod, data-dev\)/);
    });
});
