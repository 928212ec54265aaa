import { describe, expect, it } from "vitest";
import { loadOrganization, OrganizationMapError, parseOrganization, roleArn, subAccountNamed } from "@guardrails/organization";
import { policyConfigFromOrganization } from "../../bootstrap/organization/src/write-policy-config";

const valid = `
organization: acme
defaultRegion: us-east-1
management: { name: management, accountId: "111111111111" }
roles:
  management: { admin: Management-Admin, billing: Management-Billing, developer: Management-Developer }
  subAccount: { admin: Admin, billing: Billing }
stateBackend: { bucket: acme-state, secretsKeyAlias: pulumi-secrets }
subAccounts:
  - { name: app-dev, accountId: "222222222222", environment: dev }
  - { name: app-prod, accountId: "333333333333", environment: prod, alias: acme-prod }
`;

/** The valid map with the sub-account list replaced. */
const withSubAccounts = (list: string) => valid.replace(/subAccounts:[\s\S]*$/, `subAccounts:\n${list}\n`);

describe("organisation map", () => {
    it("reads a valid map, defaulting aliases to <organization>-<name>", () => {
        const org = parseOrganization(valid, "test.yaml");
        expect(org.management.accountId).toBe("111111111111");
        expect(org.subAccounts.map((a) => [a.name, a.accountId, a.environment, a.alias])).toEqual([
            ["app-dev", "222222222222", "dev", "acme-app-dev"],
            ["app-prod", "333333333333", "prod", "acme-prod"],
        ]);
        expect(roleArn(org.subAccounts[0].accountId, org.roles.subAccount.admin)).toBe("arn:aws:iam::222222222222:role/Admin");
    });

    it("loads the bundled map", () => {
        const org = loadOrganization();
        expect(org.subAccounts.length).toBeGreaterThan(0);
        expect(org.managementProjects).toContain("bootstrap-management");
    });

    it.each([
        { name: "short account id", list: `  - { name: app-dev, accountId: "22222", environment: dev }`, problem: /subAccounts\[0\] \(app-dev\)\.accountId: "22222" is not a 12-digit AWS account id/ },
        { name: "unquoted account id", list: `  - { name: app-dev, accountId: 222222222222, environment: dev }`, problem: /subAccounts\[0\] \(app-dev\)\.accountId: account id 222222222222 must be a quoted string/ },
        {
            name: "duplicate name",
            list: `  - { name: app, accountId: "222222222222", environment: dev }\n  - { name: app, accountId: "333333333333", environment: prod }`,
            problem: /subAccounts\[1\] \(app\): name "app" is already used by subAccounts\[0\] \(app\)/,
        },
        {
            name: "duplicate id",
            list: `  - { name: a, accountId: "222222222222", environment: dev }\n  - { name: b, accountId: "222222222222", environment: prod }`,
            problem: /subAccounts\[1\] \(b\): account id 222222222222 is already used by subAccounts\[0\] \(a\)/,
        },
        {
            name: "management id listed as a sub-account",
            list: `  - { name: sneaky, accountId: "111111111111", environment: dev }`,
            problem: /subAccounts\[0\] \(sneaky\): account id 111111111111 is the management account/,
        },
        { name: "missing environment", list: `  - { name: a, accountId: "222222222222" }`, problem: /subAccounts\[0\] \(a\)\.environment/ },
        {
            name: "a misspelt environment",
            list: `  - { name: app-prod, accountId: "222222222222", environment: prdo }`,
            problem: /subAccounts\[0\] \(app-prod\)\.environment: "prdo" is not a known environment \(did you mean "prod"\?\); the conventional environments are dev, test, .*prod.*; a map with other names declares them all in a top-level list, e\.g\. environments: \[dev, prod, prdo\]/,
        },
        { name: "an environment outside the conventional set, with nothing near it", list: `  - { name: app, accountId: "222222222222", environment: blue }`, problem: /\(app\)\.environment: "blue" is not a known environment; the conventional/ },
        { name: "unknown key", list: `  - { name: a, accountId: "222222222222", environment: dev, acount: x }`, problem: /unknown key "acount"/ },
    ])("rejects $name, naming the entry", ({ list, problem }) => {
        expect(() => parseOrganization(withSubAccounts(list), "test.yaml")).toThrowError(problem);
    });

    it("reports every problem at once", () => {
        const text = withSubAccounts(`  - { name: a, accountId: "1", environment: dev }\n  - { name: b, accountId: "2", environment: prod }`);
        const error = (() => {
            try {
                parseOrganization(text, "test.yaml");
            } catch (e) {
                return e;
            }
        })();
        expect(error).toBeInstanceOf(OrganizationMapError);
        expect((error as OrganizationMapError).problems).toHaveLength(2);
    });

    it.each([
        { name: "an empty file", text: "" },
        { name: "a file of comments only", text: "# organisation map, to be filled in\n" },
    ])("gives one message for $name", ({ text }) => {
        const error = (() => {
            try {
                parseOrganization(text, "empty.yaml");
            } catch (e) {
                return e;
            }
        })() as OrganizationMapError;
        expect(error).toBeInstanceOf(OrganizationMapError);
        expect(error.problems).toEqual([expect.stringMatching(/^the map is empty: expected the sections organization, defaultRegion, management, roles, subAccounts, stateBackend/)]);
        expect(error.message).toMatch(/^invalid organisation map empty\.yaml:\n {2}- the map is empty/);
    });

    it("gives one message for a file that holds a list or a scalar instead of a map", () => {
        expect(() => parseOrganization("- a\n- b\n", "list.yaml")).toThrowError(/list\.yaml:\n {2}- expected a mapping with the sections .*, got a list$/);
        expect(() => parseOrganization("acme\n", "word.yaml")).toThrowError(/word\.yaml:\n {2}- expected a mapping with the sections .*, got "acme"$/);
    });

    it("accepts exactly the environments a map declares", () => {
        const declared = valid.replace("subAccounts:", "environments: [dev, prod, blue, green]\nsubAccounts:");
        const org = parseOrganization(declared.replace("environment: prod", "environment: blue"), "test.yaml");
        expect(org.subAccounts.map((a) => a.environment)).toEqual(["dev", "blue"]);
        // Declared, the conventional names are no longer implied.
        expect(() => parseOrganization(declared.replace("environment: prod", "environment: staging"), "test.yaml")).toThrowError(
            /subAccounts\[1\] \(app-prod\)\.environment: "staging" is not a known environment; the map's environments list allows dev, prod, blue, green; add "staging" there if it is meant/,
        );
        expect(() => parseOrganization(declared.replace("environment: prod", "environment: gren"), "test.yaml")).toThrowError(/"gren" is not a known environment \(did you mean "green"\?\)/);
    });

    it.each([
        { name: "an empty list", list: "[]", problem: /environments: expected a non-empty list of lower-case environment names, got \[\]/ },
        { name: "a name that is not one", list: "[dev, Prod]", problem: /environments\[1\]: "Prod" is not a lower-case environment name/ },
        { name: "a name listed twice", list: "[dev, prod, dev]", problem: /environments\[2\]: environment dev is already used by environments\[0\]/ },
    ])("rejects an environments list with $name", ({ list, problem }) => {
        expect(() => parseOrganization(valid.replace("subAccounts:", `environments: ${list}\nsubAccounts:`), "test.yaml")).toThrowError(problem);
    });

    it("rejects YAML that does not parse and files that cannot be read", () => {
        expect(() => parseOrganization("management: [", "broken.yaml")).toThrowError(/broken\.yaml:\n.*not valid YAML/);
        expect(() => loadOrganization("/no/such/organization.yaml")).toThrowError(/cannot read the file \(ENOENT\)/);
    });

    it("refuses the management account or an unknown name as a workload target", () => {
        const org = parseOrganization(valid, "test.yaml");
        expect(subAccountNamed(org, "app-prod").accountId).toBe("333333333333");
        expect(() => subAccountNamed(org, "management")).toThrowError(/is the management account/);
        expect(() => subAccountNamed(org, "nope")).toThrowError(/unknown sub-account "nope" \(the organisation map lists: app-dev, app-prod\)/);
    });
});

describe("policy config written from the map", () => {
    const org = parseOrganization(valid, "test.yaml");
    it("gives every policy that declares managementAccountId the management account", () => {
        const config = policyConfigFromOrganization(org);
        expect(config["no-management-account-target"]).toEqual({ managementAccountId: "111111111111", managementProjects: [] });
        expect(config["pin-allowed-account-ids"]).toEqual({ managementAccountId: "111111111111" });
        expect(config["allowed-target-accounts"]).toBeUndefined();
    });
    it("limits allowedAccountIds to one environment on request", () => {
        expect(policyConfigFromOrganization(org, "prod")["allowed-target-accounts"]).toEqual({ allowedAccountIds: ["333333333333"] });
        expect(() => policyConfigFromOrganization(org, "qa")).toThrowError(/no sub-account has environment "qa"/);
    });
});
