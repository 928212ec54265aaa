import { describe, it } from "vitest";
import { secret, UNKNOWN } from "../../linter/src/engine/encoding";
import { explicitProvider, providerAsResource, resource } from "../harness/resources";
import { DEV, expectPolicyViolations, PackCase, packConfig, roleIn, usePackSession, v7Provider } from "./fixtures";

const POLICY = "verifiable-provider-target";
const failClosed = usePackSession();
const lenient = usePackSession({ policyConfig: packConfig({ allowUnknownTargetAtPreview: true }) });
const bucketOn = (provider: ReturnType<typeof v7Provider>) => resource("aws:s3/bucket:Bucket", "b", { provider });

const cases: (PackCase & { what: RegExp })[] = [
    { name: "v7 assumeRoles unknown as a whole", resource: bucketOn(v7Provider("later", { assumeRoles: UNKNOWN })), violations: [], what: /assumeRoles is not known/ },
    {
        name: "roleArn unknown inside an object (other SDKs)",
        resource: bucketOn(explicitProvider("obj", { assumeRoles: [{ roleArn: UNKNOWN }] })),
        violations: [],
        what: /provider "obj" could not be verified: assumeRoles/,
    },
    {
        name: "unknown inside a JSON-encoded string",
        resource: bucketOn(explicitProvider("json", { version: "7.48.0", assumeRoles: JSON.stringify([{ roleArn: UNKNOWN }]) })),
        violations: [],
        what: /assumeRoles/,
    },
    {
        name: "unknown inside a secret",
        resource: bucketOn(explicitProvider("sec", { version: "7.48.0", assumeRole: secret({ roleArn: UNKNOWN }) })),
        violations: [],
        what: /assumeRole is not known/,
    },
    {
        name: "allowedAccountIds unknown",
        resource: bucketOn(v7Provider("pin", { assumeRoles: [{ roleArn: roleIn(DEV) }], allowedAccountIds: UNKNOWN })),
        violations: [],
        what: /allowedAccountIds is not known/,
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
        { name: "unknown property on the resource itself", resource: resource("aws:s3/bucket:Bucket", "b", { provider: v7Provider("dev", { assumeRoles: [{ roleArn: roleIn(DEV) }] }), properties: { bucket: UNKNOWN } }) },
    ])("does not fire: $name", async ({ resource }) => {
        expectPolicyViolations(await failClosed().analyze(resource), POLICY, []);
    });
});
