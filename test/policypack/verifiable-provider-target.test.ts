import { describe, it } from "vitest";
import { secret, UNKNOWN } from "../../linter/src/engine/encoding";
import { explicitProvider, providerAsResource, resource } from "../harness/resources";
import { DEV, expectPolicyViolations, MGMT, nativeProvider, otherSdkProvider, PackCase, packConfig, roleIn, usePackSession, v7Provider } from "./fixtures";

const POLICY = "verifiable-provider-target";
const failClosed = usePackSession();
const lenient = usePackSession({ policyConfig: packConfig({ allowUnknownTargetAtPreview: true }) });
const bucketOn = (provider: ReturnType<typeof v7Provider>) => resource("aws:s3/bucket:Bucket", "b", { provider });

// Only the part of the inputs that decides the account counts (issue 9, "partly unknown inputs").
const cases: (PackCase & { what: RegExp })[] = [
    { name: "v7 assumeRoles unknown as a whole", resource: bucketOn(v7Provider("later", { assumeRoles: UNKNOWN })), violations: [], what: /assumeRoles is not known/ },
    {
        name: "roleArn of the only hop unknown inside an object (other SDKs)",
        resource: bucketOn(explicitProvider("obj", { assumeRoles: [{ roleArn: UNKNOWN }] })),
        violations: [],
        what: /provider "obj" could not be verified: assumeRoles\[0\]\.roleArn is not known/,
    },
    {
        // aws-sdk-go-base credentials.go assumes the hops in order: the last one's account is the provider's.
        name: "last hop's roleArn unknown, first hop known",
        resource: bucketOn(otherSdkProvider("chain", { assumeRoles: [{ roleArn: roleIn(DEV) }, { roleArn: UNKNOWN }] })),
        violations: [],
        what: /assumeRoles\[1\]\.roleArn is not known/,
    },
    {
        name: "last hop unknown as a whole",
        resource: bucketOn(otherSdkProvider("chain", { assumeRoles: [{ roleArn: roleIn(DEV) }, UNKNOWN] })),
        violations: [],
        what: /assumeRoles\[1\] is not known/,
    },
    {
        name: "unknown inside a JSON-encoded string",
        resource: bucketOn(explicitProvider("json", { version: "7.48.0", assumeRoles: JSON.stringify([{ roleArn: UNKNOWN }]) })),
        violations: [],
        what: /assumeRoles\[0\]\.roleArn/,
    },
    {
        name: "unknown inside a secret",
        resource: bucketOn(explicitProvider("sec", { version: "7.48.0", assumeRole: secret({ roleArn: UNKNOWN }) })),
        violations: [],
        what: /assumeRole\.roleArn is not known/,
    },
    {
        name: "no role, and the allowedAccountIds pin that would decide is unknown",
        resource: bucketOn(v7Provider("pin", { allowedAccountIds: UNKNOWN })),
        violations: [],
        what: /allowedAccountIds is not known/,
    },
    {
        name: "no role, a pin, and skipCredentialsValidation (which decides whether the pin is checked) unknown",
        resource: bucketOn(otherSdkProvider("skip", { allowedAccountIds: [DEV], skipCredentialsValidation: UNKNOWN })),
        violations: [],
        what: /skipCredentialsValidation is not known/,
    },
    {
        // pulumi-aws-native provider.go: the role is the single assumeRole object.
        name: "aws-native assumeRole unknown",
        resource: resource("aws-native:s3:Bucket", "b", { provider: nativeProvider("native", { assumeRole: UNKNOWN }) }),
        violations: [],
        what: /provider "native" could not be verified: assumeRole is not known/,
    },
    { name: "the provider resource itself", resource: providerAsResource(v7Provider("p", { assumeRoles: UNKNOWN })), violations: [], what: /provider "p"/ },
];

describe(POLICY, () => {
    it.each(cases)("mandatory by default: $name", async ({ resource, what }) => {
        expectPolicyViolations(await failClosed().analyze(resource), POLICY, [{ level: "mandatory", message: what }]);
    });
    it.each(cases)("advisory with allowUnknownTargetAtPreview: $name", async ({ resource, what }) => {
        expectPolicyViolations(await lenient().analyze(resource), POLICY, [{ level: "advisory", message: what }]);
    });
    it("never lets @pulumi/policy downgrade an unknown to its own advisory note", async () => {
        const diagnostics = await failClosed().analyze(bucketOn(v7Provider("later", { assumeRoles: UNKNOWN })));
        const downgraded = diagnostics.filter((d) => /can't run policy/.test(d.message));
        expectPolicyViolations(downgraded, POLICY, []);
        expectPolicyViolations(diagnostics, POLICY, [{ level: "mandatory", message: /could not be verified/ }]);
    });
    it.each([
        { name: "known v7 provider", resource: bucketOn(v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }], allowedAccountIds: [DEV] })) },
        { name: "unknown but irrelevant input (region)", resource: bucketOn(v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }], region: UNKNOWN })) },
        {
            name: "unknown property on the resource itself",
            resource: resource("aws:s3/bucket:Bucket", "b", { provider: v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }] }), properties: { bucket: UNKNOWN } }),
        },
        {
            // aws-sdk-go-base credentials.go: only the last hop's ARN fixes the account of the final credentials.
            name: "an earlier hop unknown, the last hop known",
            resource: bucketOn(otherSdkProvider("chain", { assumeRoles: [{ roleArn: UNKNOWN }, { roleArn: roleIn(DEV) }] })),
        },
        {
            name: "an earlier hop unknown as a whole, the last hop known",
            resource: bucketOn(otherSdkProvider("chain", { assumeRoles: [UNKNOWN, { roleArn: roleIn(DEV) }] })),
        },
        {
            // externalId and sessionName go to sts:AssumeRole but never change the role's account.
            name: "external id and session name unknown on the last hop",
            resource: bucketOn(otherSdkProvider("ext", { assumeRoles: [{ roleArn: roleIn(DEV), externalId: UNKNOWN, sessionName: UNKNOWN }] })),
        },
        {
            // A pin can only make the provider refuse; with a known role it cannot move the account.
            name: "allowedAccountIds unknown with a known sub-account role",
            resource: bucketOn(v7Provider("pin", { assumeRoles: [{ roleArn: roleIn(DEV) }], allowedAccountIds: UNKNOWN })),
        },
        {
            name: "web identity unknown under a known assumeRoles chain (the chain's last role decides)",
            resource: bucketOn(otherSdkProvider("oidc", { assumeRoleWithWebIdentity: UNKNOWN, assumeRoles: [{ roleArn: roleIn(DEV) }] })),
        },
        {
            name: "aws-native: assumeRole known, its externalId unknown",
            resource: resource("aws-native:s3:Bucket", "b", { provider: nativeProvider("native", { assumeRole: { roleArn: roleIn(DEV), externalId: UNKNOWN } }) }),
        },
    ])("does not fire: $name", async ({ resource }) => {
        expectPolicyViolations(await failClosed().analyze(resource), POLICY, []);
    });
    it("leaves a known management-account last hop to no-management-account-target, even with an unknown earlier hop", async () => {
        const got = await failClosed().analyze(bucketOn(otherSdkProvider("chain", { assumeRoles: [{ roleArn: UNKNOWN }, { roleArn: roleIn(MGMT) }] })));
        expectPolicyViolations(got, POLICY, []);
        expectPolicyViolations(got, "no-management-account-target", [{ level: "mandatory", message: /assumeRoles\[1\].*management account/ }]);
    });
});

// pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go (constructEnv): PULUMI_NODEJS_DRY_RUN carries the run's
// dry-run flag, the one ConfigureStack carries too; "false" is the update of `pulumi up`.
describe(`${POLICY} during an update (dry run false)`, () => {
    const update = { stack: { dryRun: false } };
    const lenientUpdate = usePackSession({ ...update, policyConfig: packConfig({ allowUnknownTargetAtPreview: true }) });
    const strictUpdate = usePackSession(update);
    const unknownRole = bucketOn(v7Provider("later", { assumeRoles: UNKNOWN }));

    it("allowUnknownTargetAtPreview does not apply: an unknown target still fails closed", async () => {
        expectPolicyViolations(await lenientUpdate().analyze(unknownRole), POLICY, [
            { level: "mandatory", message: /still not known during the update.*allowUnknownTargetAtPreview applies to previews only/ },
        ]);
    });
    it("without the option, mandatory as in a preview", async () => {
        expectPolicyViolations(await strictUpdate().analyze(unknownRole), POLICY, [{ level: "mandatory", message: /assumeRoles is still not known during the update/ }]);
    });
    it("a known target passes during an update too", async () => {
        expectPolicyViolations(await lenientUpdate().analyze(bucketOn(v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }] }))), POLICY, []);
    });
});
