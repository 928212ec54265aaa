import { describe, it } from "vitest";
import { secret, UNKNOWN } from "../../linter/src/engine/encoding";
import { defaultAwsProvider, explicitProvider, providerAsResource, resource, urn } from "../harness/resources";
import { DEV, expectPolicyViolations, MGMT, PackCase, packConfig, packPolicyCases, PROD, roleIn, usePackSession, v7Provider } from "./fixtures";

const POLICY = "no-management-account-target";
const session = usePackSession();
const deny = (message: RegExp) => [{ level: "mandatory" as const, message }];
const bucketOn = (provider: ReturnType<typeof v7Provider>) => resource("aws:s3/bucket:Bucket", "b", { provider });
/** Another SDK's encoding: real objects rather than JSON strings. */
const objectProvider = (name: string, props: Record<string, unknown>) => explicitProvider(name, { version: "6.0.0", ...props });

const valid: PackCase[] = [
    { name: "v7: assumeRoles into a sub-account (JSON string)", resource: bucketOn(v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }] })), violations: [] },
    {
        name: "v7: chain management -> sub-account (the last role decides)",
        resource: bucketOn(v7Provider("chain", { assumeRoles: [{ roleArn: roleIn(MGMT, "Hop") }, { roleArn: roleIn(DEV) }] })),
        violations: [],
    },
    { name: "v5/v6: assumeRole object into a sub-account", resource: bucketOn(objectProvider("v6", { assumeRole: { roleArn: roleIn(DEV) } })), violations: [] },
    {
        name: "assumeRoles as real objects (other SDKs)",
        resource: bucketOn(objectProvider("objs", { assumeRoles: [{ roleArn: roleIn(PROD) }] })),
        violations: [],
    },
    {
        name: "web identity into a sub-account",
        resource: bucketOn(objectProvider("oidc", { assumeRoleWithWebIdentity: { roleArn: roleIn(DEV), webIdentityToken: "t" } })),
        violations: [],
    },
    {
        name: "aws-cn partition with a role path",
        resource: bucketOn(v7Provider("cn", { assumeRoles: [{ roleArn: `arn:aws-cn:iam::${DEV}:role/platform/deploy/Admin` }] })),
        violations: [],
    },
    {
        name: "secret assumeRoles (v7 JSON string inside a secret)",
        resource: bucketOn(explicitProvider("secret", { version: "7.48.0", assumeRoles: secret(JSON.stringify([{ roleArn: roleIn(DEV) }])) })),
        violations: [],
    },
    {
        name: "no role but allowedAccountIds pins a sub-account (sub-account bootstrap run with its own credentials)",
        resource: bucketOn(v7Provider("pinned", { allowedAccountIds: [DEV] })),
        violations: [],
    },
    {
        name: "no role but forbiddenAccountIds excludes the management account",
        resource: bucketOn(v7Provider("forbid", { forbiddenAccountIds: [MGMT] })),
        violations: [],
    },
    {
        name: "a non-AWS provider is out of scope",
        resource: providerAsResource(explicitProvider("rnd", {}, { pkg: "random" })),
        violations: [],
    },
    {
        name: "unknown role at preview is left to verifiable-provider-target",
        resource: bucketOn(v7Provider("later", { assumeRoles: UNKNOWN })),
        violations: [],
    },
];

const invalid: PackCase[] = [
    {
        name: "v7: assumeRoles into the management account",
        resource: bucketOn(v7Provider("mgmt", { assumeRoles: [{ roleArn: roleIn(MGMT) }] })),
        violations: deny(/assumes arn:aws:iam::111111111111:role\/Admin \(assumeRoles\[0\]\).*management account/),
    },
    {
        name: "v7: chain sub-account -> management (the last role decides)",
        resource: bucketOn(v7Provider("chain", { assumeRoles: [{ roleArn: roleIn(DEV) }, { roleArn: roleIn(MGMT, "Back") }] })),
        violations: deny(/assumeRoles\[1\]/),
    },
    {
        name: "v5/v6: assumeRole object into the management account",
        resource: bucketOn(objectProvider("v6", { assumeRole: { roleArn: roleIn(MGMT) } })),
        violations: deny(/\(assumeRole\)/),
    },
    {
        name: "web identity into the management account",
        resource: bucketOn(objectProvider("oidc", { assumeRoleWithWebIdentity: { roleArn: roleIn(MGMT) } })),
        violations: deny(/assumeRoleWithWebIdentity/),
    },
    {
        name: "GovCloud ARN with a path into the management account",
        resource: bucketOn(v7Provider("gov", { assumeRoles: [{ roleArn: `arn:aws-us-gov:iam::${MGMT}:role/ops/Admin` }] })),
        violations: deny(/arn:aws-us-gov:iam::111111111111:role\/ops\/Admin/),
    },
    {
        name: "secret JSON string into the management account",
        resource: bucketOn(explicitProvider("secret", { version: "7.48.0", assumeRoles: secret(JSON.stringify([{ roleArn: roleIn(MGMT) }])) })),
        violations: deny(/management account/),
    },
    {
        name: "secret roleArn nested in an object",
        resource: bucketOn(objectProvider("nested-secret", { assumeRole: { roleArn: secret(roleIn(MGMT)) } })),
        violations: deny(/management account/),
    },
    {
        name: "explicit provider that assumes no role",
        resource: bucketOn(v7Provider("ambient", { region: "us-east-1" })),
        violations: deny(/assumes no role.*ambient credentials.*Add assumeRoles/),
    },
    {
        name: "empty assumeRoles list",
        resource: bucketOn(v7Provider("empty", { assumeRoles: [] })),
        violations: deny(/assumes no role/),
    },
    {
        name: "the default provider (no stack config): ambient credentials",
        resource: bucketOn(defaultAwsProvider()),
        violations: deny(/default provider "default_7_48_0" assumes no role/),
    },
    {
        name: "allowedAccountIds names the management account",
        resource: bucketOn(v7Provider("allowed", { assumeRoles: [{ roleArn: roleIn(DEV) }], allowedAccountIds: [DEV, MGMT] })),
        violations: deny(/lists the management account 111111111111 in allowedAccountIds/),
    },
    {
        name: "malformed ARN (short account id)",
        resource: bucketOn(v7Provider("bad", { assumeRoles: [{ roleArn: "arn:aws:iam::12345:role/Admin" }] })),
        violations: deny(/not an IAM role ARN \(value: arn:aws:iam::12345:role\/Admin\)/),
    },
    {
        name: "malformed ARN (a user, not a role)",
        resource: bucketOn(v7Provider("user", { assumeRoles: [{ roleArn: `arn:aws:iam::${DEV}:user/alice` }] })),
        violations: deny(/value: arn:aws:iam::222222222222:user\/alice/),
    },
    {
        name: "assumeRoles entry without roleArn",
        resource: bucketOn(v7Provider("norole", { assumeRoles: [{ sessionName: "x" }] })),
        violations: deny(/assumeRoles\[0\] has no roleArn/),
    },
    {
        name: "assumeRoles that is not JSON",
        resource: bucketOn(explicitProvider("garbage", { version: "7.48.0", assumeRoles: "arn:aws:iam::222222222222:role/Admin" })),
        violations: deny(/assumeRoles is not valid JSON/),
    },
    {
        name: "the provider resource itself targets the management account",
        resource: providerAsResource(v7Provider("mgmt", { assumeRoles: [{ roleArn: roleIn(MGMT) }] })),
        violations: deny(/provider "mgmt" assumes/),
    },
    {
        name: "a provider nested in a component targets the management account",
        resource: resource("aws:s3/bucket:Bucket", "assets", {
            parentTypes: ["acme:web:Site"],
            parent: urn("acme:web:Site", "site"),
            provider: explicitProvider("site-aws", { version: "7.48.0", assumeRoles: JSON.stringify([{ roleArn: roleIn(MGMT) }]) }, { parentTypes: ["acme:web:Site"] }),
        }),
        violations: deny(/provider "site-aws"/),
    },
];

describe(POLICY, () => {
    packPolicyCases(POLICY, session, { valid, invalid });
});

describe(`${POLICY} in a project listed in managementProjects`, () => {
    const bootstrap = usePackSession({
        stack: { project: "bootstrap-management", stack: "management" },
        policyConfig: packConfig({ managementProjects: ["bootstrap-management"] }),
    });
    const elsewhere = usePackSession({ stack: { project: "shop" }, policyConfig: packConfig({ managementProjects: ["bootstrap-management"] }) });
    const pinnedToManagement = bucketOn(v7Provider("mgmt", { allowedAccountIds: [MGMT] }));

    it("lets the account setup act in the management account", async () => {
        expectPolicyViolations(await bootstrap().analyze(pinnedToManagement), POLICY, []);
    });
    it("still denies any other project", async () => {
        expectPolicyViolations(await elsewhere().analyze(pinnedToManagement), POLICY, deny(/allowedAccountIds/));
    });
});
