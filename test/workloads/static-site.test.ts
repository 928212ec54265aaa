import { describe, expect, it } from "vitest";
import { loadOrganization, roleArn, subAccountNamed } from "@guardrails/organization";
import { readProject, readStackConfig } from "../../linter/src/preview/pulumi-project";
import { expectAllOnProvider, resourceNamed, resourcesOfType, REPO, runStack } from "../programs/stack-runs";
import * as path from "node:path";

const org = loadOrganization();
const DIR = "workloads/static-site";

describe("workloads/static-site under mocks", () => {
    it.each([
        { stack: "dev", account: "shop-dev" },
        { stack: "prod", account: "shop-prod" },
    ])("$stack: every resource and invoke on the $account provider, which assumes its Admin role", async ({ stack, account }) => {
        const run = await runStack(DIR, stack);
        expect(run.errors).toEqual([]);
        const target = subAccountNamed(org, account);
        const providerName = `${account}-ap-southeast-2`;
        expectAllOnProvider(run, providerName);
        expect(run.invokes.map((i) => i.token).sort()).toEqual(["aws:iam/getPolicyDocument:getPolicyDocument", "aws:index/getCallerIdentity:getCallerIdentity"]);

        const provider = resourceNamed(run, "pulumi:providers:aws", providerName);
        const assumeRoles = JSON.parse(provider.inputs.assumeRoles as string) as { roleArn: string }[];
        expect(assumeRoles.map((r) => r.roleArn)).toEqual([roleArn(target.accountId, org.roles.subAccount.admin)]);
        expect(JSON.parse(provider.inputs.allowedAccountIds as string)).toEqual([target.accountId]);
        expect(resourcesOfType(run, "pulumi:providers:aws")).toHaveLength(1);

        // The component gets the provider through `providers`; its children inherit it.
        const site = resourceNamed(run, "guardrails:workloads:StaticSite", "shop");
        expect(Object.keys(site.providers)).toEqual(["aws"]);
        expect(resourcesOfType(run, "aws:s3/bucket:Bucket").every((b) => b.parent === site.urn)).toBe(true);
    });

    it.each(["dev", "prod"])("%s stack config disables default aws providers as the native backstop", (stack) => {
        const { config } = readStackConfig(readProject(path.join(REPO, DIR)), stack);
        expect(JSON.parse(config["pulumi:disable-default-providers"])).toEqual(["aws"]);
    });

    it("refuses the management account as a target", async () => {
        const run = await runStack(DIR, "dev", { config: { "guardrails:targetAccount": org.management.name } });
        expect(run.errors.join("\n")).toMatch(/is the management account; workloads must target a sub-account/);
        expect(run.resources.filter((r) => r.type.startsWith("aws:"))).toEqual([]);
    });

    it("refuses the management account by id too", async () => {
        const run = await runStack(DIR, "dev", { config: { "guardrails:targetAccount": org.management.accountId } });
        expect(run.errors.join("\n")).toMatch(/is the management account/);
    });

    it("says how to set the target when it is missing", async () => {
        const run = await runStack(DIR, "dev", { config: { "guardrails:targetAccount": "" } });
        expect(run.errors.join("\n")).toMatch(/pulumi config set guardrails:targetAccount <sub-account name>/);
    });
});
