import type { SimulationOrgPolicies } from "@cloud-copilot/iam-simulate";
import { beforeAll, describe, expect, it } from "vitest";
import { loadOrganization, PULUMI_ROLES, managementRoleName } from "@guardrails/organization";
import type { ProgramRun, RecordedResource } from "../../linter/src/preview/program-run";
import { mapVariant } from "../programs/org-maps";
import { jsonInput, resourcesOfType, runStack } from "../programs/stack-runs";
import { ADMINISTRATOR_ACCESS, decide, inlinePoliciesOf, MGMT, roleArnIn, sessionIn } from "./iam-helpers";

/**
 * The baseline service control policy, evaluated where the program attaches it: member accounts
 * are denied what it denies and allowed the rest; the management account is not bound. The SCP
 * chain of an account (root, OU, account; FullAWSAccess at each level, as AWS attaches it by
 * default) is read from what the program registered: Account.parentId -> OU -> PolicyAttachments.
 */
const org = loadOrganization();
const FULL_AWS_ACCESS = { name: "FullAWSAccess", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } };
let withTrail: ProgramRun;
let homeRegionOnly: ProgramRun;

beforeAll(async () => {
    withTrail = await runStack("bootstrap/management", "management", { config: { "bootstrap-management:organizationTrail": "true" } });
    expect(withTrail.errors).toEqual([]);
    // Only the home region: us-east-1, where global services answer, is not in the list.
    homeRegionOnly = await runStack("bootstrap/management", "management", { orgMap: mapVariant((m) => (m.organizations.allowedRegions = ["ap-southeast-2"])) });
    expect(homeRegionOnly.errors).toEqual([]);
});

/** The organisation as the program built it: which SCPs bind `accountId`. Accounts outside it get none at all. */
function scpChain(run: ProgramRun, accountId: string): SimulationOrgPolicies[] | undefined {
    const attachedTo = (target: string) =>
        resourcesOfType(run, "aws:organizations/policyAttachment:PolicyAttachment")
            .filter((a) => a.inputs.targetId === target)
            .map((a) => {
                const policy = resourcesOfType(run, "aws:organizations/policy:Policy").find((p: RecordedResource) => `${p.name}-id` === a.inputs.policyId)!;
                return { name: policy.name, policy: jsonInput(policy, "content") };
            });
    const root = "r-mock";
    const level = (id: string) => ({ orgIdentifier: id, policies: [FULL_AWS_ACCESS, ...attachedTo(id)] });
    if (accountId === MGMT) {
        // The organisation's management account sits in the root. (AWS never applies SCPs to it at all.)
        return [level(root), level(accountId)];
    }
    const account = resourcesOfType(run, "aws:organizations/account:Account").find((a) => a.options?.importId === accountId);
    if (!account) {
        return undefined;
    }
    return [level(root), level(account.inputs.parentId as string), level(accountId)];
}

/** Someone with AdministratorAccess in `accountId` (its Admin role, or its root user) asks for `action`. */
function inAccount(run: ProgramRun, accountId: string, action: string, region: string, who: "admin" | "root" = "admin", resource = "*") {
    const principal = who === "root" ? `arn:aws:iam::${accountId}:root` : sessionIn(accountId, "Admin");
    return decide({
        principal,
        action,
        resource,
        resourceAccount: accountId,
        identity: who === "root" ? [] : [ADMINISTRATOR_ACCESS],
        context: { "aws:PrincipalArn": who === "root" ? principal : roleArnIn(accountId, "Admin"), "aws:PrincipalAccount": accountId, "aws:RequestedRegion": region },
        serviceControlPolicies: scpChain(run, accountId) ?? [],
    });
}

const members = org.subAccounts.filter((a) => a.inOrganization);
const EC2 = (account: string) => `arn:aws:ec2:ap-southeast-2:${account}:instance/*`;

describe("baseline SCP in member accounts, evaluated", () => {
    it("is attached above every member (the chain is read from the program's resources)", () => {
        for (const a of members) {
            expect(scpChain(withTrail, a.accountId)?.[1].policies.map((p) => p.name)).toEqual(["FullAWSAccess", "guardrails-baseline"]);
        }
    });

    const denied = members.flatMap((a) => [
        { account: a.name, id: a.accountId, what: "leave the organisation", action: "organizations:LeaveOrganization", region: "us-east-1", who: "admin" as const },
        { account: a.name, id: a.accountId, what: "act as the root user", action: "iam:CreateUser", region: "us-east-1", who: "root" as const },
        { account: a.name, id: a.accountId, what: "stop CloudTrail logging", action: "cloudtrail:StopLogging", region: "ap-southeast-2", who: "admin" as const },
        { account: a.name, id: a.accountId, what: "delete a trail", action: "cloudtrail:DeleteTrail", region: "ap-southeast-2", who: "admin" as const },
        { account: a.name, id: a.accountId, what: "delete the GuardDuty detector", action: "guardduty:DeleteDetector", region: "ap-southeast-2", who: "admin" as const },
        { account: a.name, id: a.accountId, what: "launch an instance in us-west-2", action: "ec2:RunInstances", region: "us-west-2", who: "admin" as const },
    ]);
    it.each(denied)("$account: may not $what", async ({ id, action, region, who }) => {
        expect(await inAccount(withTrail, id, action, region, who)).toBe("ExplicitlyDenied");
    });

    const allowed = members.flatMap((a) => [
        { account: a.name, id: a.accountId, what: "launch an instance in ap-southeast-2", action: "ec2:RunInstances", region: "ap-southeast-2", resource: EC2(a.accountId) },
        { account: a.name, id: a.accountId, what: "create a bucket in us-east-1", action: "s3:CreateBucket", region: "us-east-1", resource: "arn:aws:s3:::acme-logs" },
        { account: a.name, id: a.accountId, what: "read CloudTrail events", action: "cloudtrail:LookupEvents", region: "ap-southeast-2", resource: "*" },
        { account: a.name, id: a.accountId, what: "list GuardDuty detectors", action: "guardduty:ListDetectors", region: "ap-southeast-2", resource: "*" },
        { account: a.name, id: a.accountId, what: "create an IAM role", action: "iam:CreateRole", region: "us-east-1", resource: roleArnIn(a.accountId, "App") },
    ]);
    it.each(allowed)("$account: may $what", async ({ id, action, region, resource }) => {
        expect(await inAccount(withTrail, id, action, region, "admin", resource)).toBe("Allowed");
    });

    it("global services stay allowed when us-east-1 is not in the list; regional ones there do not", async () => {
        const [a] = members;
        expect(await inAccount(homeRegionOnly, a.accountId, "iam:CreateRole", "us-east-1", "admin", roleArnIn(a.accountId, "App"))).toBe("Allowed");
        expect(await inAccount(homeRegionOnly, a.accountId, "sts:GetCallerIdentity", "us-east-1")).toBe("Allowed");
        expect(await inAccount(homeRegionOnly, a.accountId, "s3:CreateBucket", "us-east-1", "admin", "arn:aws:s3:::acme-logs")).toBe("ExplicitlyDenied");
    });

    it("CloudTrail and GuardDuty are left alone without the organisation trail", async () => {
        const [a] = members;
        const noTrail = await runStack("bootstrap/management", "management");
        expect(await inAccount(noTrail, a.accountId, "cloudtrail:StopLogging", "ap-southeast-2")).toBe("Allowed");
        expect(await inAccount(noTrail, a.accountId, "guardduty:DeleteDetector", "ap-southeast-2")).toBe("Allowed");
        expect(await inAccount(noTrail, a.accountId, "organizations:LeaveOrganization", "us-east-1")).toBe("ExplicitlyDenied");
    });
});

describe("SCPs and the accounts they do not bind", () => {
    it.each([
        { what: "launch an instance in us-west-2", action: "ec2:RunInstances", region: "us-west-2", resource: `arn:aws:ec2:us-west-2:${MGMT}:instance/*` },
        { what: "stop CloudTrail logging", action: "cloudtrail:StopLogging", region: "ap-southeast-2", resource: "*" },
        { what: "delete the GuardDuty detector", action: "guardduty:DeleteDetector", region: "ap-southeast-2", resource: "*" },
    ])("the management account: its break-glass administrator may still $what", async ({ action, region, resource }) => {
        expect(scpChain(withTrail, MGMT)?.flatMap((l) => l.policies.map((p) => p.name))).toEqual(["FullAWSAccess", "FullAWSAccess"]);
        const outcome = await decide({
            principal: `arn:aws:iam::${MGMT}:user/break-glass-1`,
            action,
            resource,
            resourceAccount: MGMT,
            identity: [ADMINISTRATOR_ACCESS],
            context: { "aws:PrincipalArn": `arn:aws:iam::${MGMT}:user/break-glass-1`, "aws:PrincipalAccount": MGMT, "aws:RequestedRegion": region },
            serviceControlPolicies: scpChain(withTrail, MGMT),
        });
        expect(outcome).toBe("Allowed");
    });

    it("an account outside the organisation is bound by none", async () => {
        const outside = org.subAccounts.find((a) => !a.inOrganization)!;
        expect(scpChain(withTrail, outside.accountId)).toBeUndefined();
        expect(await inAccount(withTrail, outside.accountId, "ec2:RunInstances", "us-west-2", "admin", `arn:aws:ec2:us-west-2:${outside.accountId}:instance/*`)).toBe("Allowed");
    });
});

describe("the organisation's access role in member accounts", () => {
    // As Organizations creates it in a new member account: trusts the management account, AdministratorAccess.
    const accessRoleTrust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" }] };
    const assumeAccessRole = (principal: string, principalArn: string, identity: { name: string; policy: unknown }[]) => {
        const [member] = members;
        return decide({
            principal,
            action: "sts:AssumeRole",
            resource: roleArnIn(member.accountId, org.organizations!.accessRoleName),
            resourceAccount: member.accountId,
            identity,
            resourcePolicy: accessRoleTrust,
            context: { "aws:PrincipalArn": principalArn, "aws:PrincipalAccount": MGMT, "aws:MultiFactorAuthPresent": "true" },
        });
    };

    it.each(PULUMI_ROLES)("is out of reach for %s: only the setup credentials run bootstrap/subaccount", async (m) => {
        const name = managementRoleName(org, m);
        expect(await assumeAccessRole(sessionIn(MGMT, name), roleArnIn(MGMT, name), inlinePoliciesOf(withTrail, name))).toBe("ImplicitlyDenied");
    });

    it("is the break-glass administrator's way in", async () => {
        expect(await assumeAccessRole(`arn:aws:iam::${MGMT}:user/break-glass-1`, `arn:aws:iam::${MGMT}:user/break-glass-1`, [ADMINISTRATOR_ACCESS])).toBe("Allowed");
    });
});
