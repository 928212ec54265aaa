import { describe, expect, it } from "vitest";
import { DEFAULT_ACCESS_ROLE, configuredManagementRoles, subAccountNamed, validateOrganization } from "@guardrails/organization";

/** The map's optional sections (signIn, organizations, the auditor role, member accounts), loaded and rejected. */
const base = () => ({
    organization: "acme",
    defaultRegion: "ap-southeast-2",
    management: { name: "management", accountId: "111111111111" },
    roles: { management: { admin: "Management-Admin", billing: "Management-Billing", developer: "Management-Developer" }, subAccount: { admin: "Admin", billing: "Billing" } },
    stateBackend: { bucket: "acme-state", secretsKeyAlias: "pulumi-secrets" },
    subAccounts: [
        { name: "app-dev", accountId: "222222222222", environment: "dev" },
        { name: "app-prod", accountId: "333333333333", environment: "prod" },
    ] as Record<string, unknown>[],
});
type Map = ReturnType<typeof base> & Record<string, unknown>;
const load = (edit: (m: Map) => void) => {
    const m = base() as Map;
    edit(m);
    return validateOrganization(m, "test.yaml");
};
const members = (m: Map) => {
    m.organizations = {};
    m.subAccounts = [
        { name: "app-dev", accountId: "222222222222", environment: "dev", email: "aws+app-dev@acme.example" },
        { name: "app-prod", accountId: "333333333333", environment: "prod", email: "aws+app-prod@acme.example" },
    ];
};
const GITHUB = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";

describe("signIn", () => {
    it("defaults to IAM principals of the management account with MFA, nobody granted yet", () => {
        const org = load(() => {});
        expect(configuredManagementRoles(org)).toEqual(["admin", "billing", "developer"]);
        for (const role of ["admin", "billing", "developer"] as const) {
            expect(org.signIn[role]).toEqual({ kind: "account", requireMfa: true, groups: [], users: [] });
        }
    });

    it("resolves identity-center per role, with a per-role override and the optional auditor", () => {
        const org = load((m) => {
            m.roles.management = { ...m.roles.management, auditor: "Management-Auditor" } as typeof m.roles.management;
            m.signIn = {
                kind: "identity-center",
                permissionSets: { admin: "AdministratorAccess", billing: ["Billing", "Finance"], developer: "Developer" },
                roles: { auditor: { kind: "oidc", providerArn: GITHUB, audience: "sts.amazonaws.com", subjects: ["repo:acme/infra:ref:refs/heads/main"] } },
            };
        });
        expect(configuredManagementRoles(org)).toEqual(["admin", "billing", "developer", "auditor"]);
        expect(org.signIn.admin).toEqual({ kind: "identity-center", permissionSets: ["AdministratorAccess"] });
        expect(org.signIn.billing).toEqual({ kind: "identity-center", permissionSets: ["Billing", "Finance"] });
        expect(org.signIn.auditor).toEqual({ kind: "oidc", providerArn: GITHUB, audience: "sts.amazonaws.com", subjects: ["repo:acme/infra:ref:refs/heads/main"] });
    });

    it("reads groups and users per role", () => {
        const org = load((m) => (m.signIn = { kind: "account", requireMfa: false, groups: { admin: ["ops"] }, users: { billing: ["alice"] } }));
        expect(org.signIn.admin).toEqual({ kind: "account", requireMfa: false, groups: ["ops"], users: [] });
        expect(org.signIn.billing).toEqual({ kind: "account", requireMfa: false, groups: [], users: ["alice"] });
    });

    it.each([
        { name: "an unknown kind", signIn: { kind: "ldap" }, problem: /signIn\.kind: "ldap" is not one of account, saml, oidc, identity-center/ },
        { name: "a key of another kind", signIn: { kind: "account", providerArn: GITHUB }, problem: /signIn: unknown key "providerArn" \(expected one of kind, requireMfa, groups, users, roles\)/ },
        { name: "a role without a permission set", signIn: { kind: "identity-center", permissionSets: { admin: "A", billing: "B" } }, problem: /signIn\.permissionSets\.developer: no permission set named for developer \(Management-Developer\)/ },
        {
            name: "a permission-set name longer than 32 characters",
            signIn: { kind: "identity-center", permissionSets: { admin: "A".repeat(33), billing: "B", developer: "D" } },
            problem: /signIn\.permissionSets\.admin: "A{33}" is not a permission-set name/,
        },
        { name: "groups for a role the map does not name", signIn: { kind: "account", groups: { auditor: ["x"] } }, problem: /signIn\.groups: unknown key "auditor" \(expected one of admin, billing, developer\)/ },
        { name: "a SAML provider in another account", signIn: { kind: "saml", providerArn: "arn:aws:iam::999999999999:saml-provider/idp" }, problem: /signIn\.providerArn: .* is in account 999999999999, not the management account 111111111111/ },
        { name: "OIDC without subjects", signIn: { kind: "oidc", providerArn: GITHUB, audience: "sts.amazonaws.com" }, problem: /signIn\.subjects: expected a non-empty list of subject patterns/ },
        { name: "an override of an unknown role", signIn: { roles: { root: { kind: "saml" } } }, problem: /signIn\.roles: unknown key "root"/ },
        { name: "a bad group name", signIn: { groups: { admin: ["has space"] } }, problem: /signIn\.groups\.admin\[0\]: "has space" is not an IAM group name/ },
        { name: "requireMfa that is not a boolean", signIn: { requireMfa: "yes" }, problem: /signIn\.requireMfa: "yes" is not true or false/ },
    ])("rejects $name, naming the entry", ({ signIn, problem }) => {
        expect(() => load((m) => (m.signIn = signIn))).toThrowError(problem);
    });

    it("rejects two management roles with one name", () => {
        expect(() => load((m) => (m.roles.management.developer = "Management-Admin"))).toThrowError(/roles\.management\.developer: role name Management-Admin is already used by roles\.management\.admin/);
    });
});

describe("organizations", () => {
    it("makes every sub-account a member, with the default access role and no region rule", () => {
        const org = load(members);
        expect(org.organizations).toEqual({ accessRoleName: DEFAULT_ACCESS_ROLE, allowedRegions: [], newAccounts: [] });
        expect(org.subAccounts.map((a) => [a.name, a.inOrganization, a.email])).toEqual([
            ["app-dev", true, "aws+app-dev@acme.example"],
            ["app-prod", true, "aws+app-prod@acme.example"],
        ]);
    });

    it("is off without the section: no sub-account is a member", () => {
        expect(load(() => {}).subAccounts.every((a) => !a.inOrganization)).toBe(true);
        expect(load(() => {}).organizations).toBeUndefined();
    });

    it("keeps a member without an id apart, to be created, and says so when it is targeted", () => {
        const org = load((m) => {
            members(m);
            m.subAccounts.push({ name: "app-qa", environment: "qa", email: "aws+app-qa@acme.example" });
            m.subAccounts.push({ name: "legacy", accountId: "444444444444", environment: "prod", inOrganization: false });
        });
        expect(org.subAccounts.map((a) => a.name)).toEqual(["app-dev", "app-prod", "legacy"]);
        expect(org.organizations?.newAccounts).toEqual([{ name: "app-qa", environment: "qa", email: "aws+app-qa@acme.example", alias: "acme-app-qa" }]);
        expect(() => subAccountNamed(org, "app-qa")).toThrowError(/"app-qa" has no account id yet: bootstrap\/management creates it \(output createdAccountIds\)/);
    });

    it.each([
        { name: "a member without an email", edit: (m: Map) => delete m.subAccounts[0].email, problem: /subAccounts\[0\] \(app-dev\)\.email: required for a member of the organisation/ },
        { name: "a bad email", edit: (m: Map) => (m.subAccounts[0].email = "not-an-address"), problem: /subAccounts\[0\] \(app-dev\)\.email: "not-an-address" is not an email address/ },
        { name: "two accounts with one email", edit: (m: Map) => (m.subAccounts[1].email = m.subAccounts[0].email), problem: /subAccounts\[1\] \(app-prod\): email aws\+app-dev@acme\.example is already used by subAccounts\[0\] \(app-dev\)/ },
        { name: "an email on an account outside", edit: (m: Map) => (m.subAccounts[1].inOrganization = false), problem: /subAccounts\[1\] \(app-prod\)\.email: only used for members of the organisation/ },
        {
            name: "an account outside without an id",
            edit: (m: Map) => (m.subAccounts[1] = { name: "app-prod", environment: "prod", inOrganization: false }),
            problem: /subAccounts\[1\] \(app-prod\)\.accountId: null is not a 12-digit AWS account id \(only members of the organisation may leave it out/,
        },
        {
            name: "a new account named like an existing one",
            edit: (m: Map) => m.subAccounts.push({ name: "app-dev", environment: "dev", email: "aws+other@acme.example" }),
            problem: /subAccounts\[2\] \(app-dev\): name "app-dev" is already used by subAccounts\[0\] \(app-dev\)/,
        },
        { name: "a region list without the default region", edit: (m: Map) => (m.organizations = { allowedRegions: ["us-east-1"] }), problem: /organizations\.allowedRegions: the default region ap-southeast-2 must be one of them/ },
        { name: "a bad region", edit: (m: Map) => (m.organizations = { allowedRegions: ["ap-southeast-2", "mars-1"] }), problem: /organizations\.allowedRegions\[1\]: "mars-1" is not an AWS region/ },
        { name: "an empty region list", edit: (m: Map) => (m.organizations = { allowedRegions: [] }), problem: /organizations\.allowedRegions: expected a non-empty list of AWS regions/ },
        { name: "an unknown key", edit: (m: Map) => (m.organizations = { accesRoleName: "X" }), problem: /organizations: unknown key "accesRoleName" \(expected one of accessRoleName, allowedRegions\)/ },
        { name: "a bad access role name", edit: (m: Map) => (m.organizations = { accessRoleName: "has space" }), problem: /organizations\.accessRoleName: "has space" is not an IAM role name/ },
    ])("rejects $name, naming the entry", ({ edit, problem }) => {
        expect(() =>
            load((m) => {
                members(m);
                edit(m);
            }),
        ).toThrowError(problem);
    });

    it.each(["email", "inOrganization"])("rejects %s on a sub-account when the map has no organizations section", (key) => {
        expect(() => load((m) => (m.subAccounts[0][key] = key === "email" ? "aws@acme.example" : true))).toThrowError(
            new RegExp(`subAccounts\\[0\\] \\(app-dev\\)\\.${key}: only used with the organizations section`),
        );
    });

    it("a member of the map without an id has nothing to do outside the organisation: accountId stays required", () => {
        expect(() => load((m) => delete m.subAccounts[0].accountId)).toThrowError(/subAccounts\[0\] \(app-dev\)\.accountId: null is not a 12-digit AWS account id/);
    });
});
