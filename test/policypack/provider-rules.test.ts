/**
 * Each provider package judged by its own rules: how it decodes its inputs, which role it assumes,
 * and whether it can enforce an account pin. Every row names the source that establishes the rule.
 */
import { describe } from "vitest";
import { explicitProvider, resource } from "../harness/resources";
import { DEV, MGMT, nativeProvider, otherSdkProvider, PackCase, packConfig, packPolicyCases, roleIn, usePackSession, v7Provider } from "./fixtures";

const deny = (message: RegExp) => [{ level: "mandatory" as const, message }];
const advise = (message: RegExp) => [{ level: "advisory" as const, message }];
const bucketOn = (provider: ReturnType<typeof v7Provider>) => resource("aws:s3/bucket:Bucket", "b", { provider });
const nativeBucketOn = (provider: ReturnType<typeof v7Provider>) => resource("aws-native:s3:Bucket", "b", { provider });
const arn = (account: string) => roleIn(account);

const session = usePackSession();

// --- aws-native: pulumi/pulumi-aws-native provider/pkg/provider/provider.go (Configure), types.go ---------------
describe("aws-native is judged as aws-native (no-management-account-target)", () => {
    packPolicyCases("no-management-account-target", session, {
        valid: [
            // provider.go Configure: vars["aws-native:config:assumeRole"] is the one role it assumes.
            { name: "assumeRole into a sub-account", resource: nativeBucketOn(nativeProvider("n", { assumeRole: { roleArn: arn(DEV) } })), violations: [] },
            // types.go ProviderAssumeRole + Go encoding/json: struct keys match case-insensitively.
            { name: 'assumeRole spelled {"RoleArn": ...} still assumes that role', resource: nativeBucketOn(nativeProvider("n", { assumeRole: `{"RoleArn":"${arn(DEV)}"}` })), violations: [] },
            // Go encoding/json: the last key that matches the field wins.
            {
                name: '{"roleArn": management, "RoleArn": dev}: the last key wins, dev',
                resource: nativeBucketOn(nativeProvider("n", { assumeRole: `{"roleArn":"${arn(MGMT)}","RoleArn":"${arn(DEV)}"}` })),
                violations: [],
            },
            // provider.go: `if !skipCredentialsValidation { GetCallerIdentity ...; validateAccountId() }`.
            {
                name: "no role, allowedAccountIds pinned and skipCredentialsValidation false: the pin is checked",
                resource: nativeBucketOn(nativeProvider("n", { allowedAccountIds: [DEV], skipCredentialsValidation: false })),
                violations: [],
            },
            // provider.go CheckConfig: "insecure" is "not yet implemented", so such a provider never starts.
            {
                name: "insecure does not defeat an aws-native pin (its CheckConfig rejects insecure)",
                resource: nativeBucketOn(nativeProvider("n", { allowedAccountIds: [DEV], skipCredentialsValidation: false, insecure: true })),
                violations: [],
            },
            // provider.go: endpoints decode into map[string]string, looked up by strings.ToLower(service).
            {
                name: 'endpoints {"STS": ...} is never looked up by aws-native (only the lower-case key)',
                resource: nativeBucketOn(nativeProvider("n", { allowedAccountIds: [DEV], skipCredentialsValidation: false, endpoints: { STS: "https://sts.example.com" } })),
                violations: [],
            },
        ],
        invalid: [
            // provider.go reads no assumeRoles: a chain given to aws-native is no role at all.
            {
                name: "assumeRoles (the aws provider's list) is ignored: no role",
                resource: nativeBucketOn(nativeProvider("n", { assumeRoles: [{ roleArn: arn(DEV) }] })),
                violations: deny(/assumes no role \(it ignores assumeRoles: aws-native reads a single assumeRole object\).*Add assumeRole:/),
            },
            {
                name: '{"roleArn": dev, "RoleArn": management}: the last key wins, management',
                resource: nativeBucketOn(nativeProvider("n", { assumeRole: `{"roleArn":"${arn(DEV)}","RoleArn":"${arn(MGMT)}"}` })),
                violations: deny(/assumes arn:aws:iam::111111111111:role\/Admin \(assumeRole\["RoleArn"\]\), a role in the management account/),
            },
            {
                name: '{"ROLEARN": management} is the role',
                resource: nativeBucketOn(nativeProvider("n", { assumeRole: `{"ROLEARN":"${arn(MGMT)}"}` })),
                violations: deny(/management account/),
            },
            // Go encoding/json: null into a *string sets it to nil; the provider then has no role ARN.
            {
                name: '{"roleArn": dev, "roleArn": null}: the last key wins, no role ARN',
                resource: nativeBucketOn(nativeProvider("n", { assumeRole: `{"roleArn":"${arn(DEV)}","roleArn":null}` })),
                violations: deny(/assumeRole has no roleArn/),
            },
            // Another SDK's object: the engine, not the text, orders the keys, so two spellings cannot be told apart.
            {
                name: "an object (another SDK) with both roleArn and RoleArn cannot be read safely",
                resource: nativeBucketOn(explicitProvider("n", { version: "1.79.0", assumeRole: { roleArn: arn(DEV), RoleArn: arn(MGMT) }, skipCredentialsValidation: "false" }, { pkg: "aws-native" })),
                violations: deny(/spells roleArn as "RoleArn" and "roleArn"/),
            },
            // provider.go: roleArn goes to the Cloud Control client as the operations role, not to the credentials.
            {
                name: "roleArn alone is not a role the provider signs in as",
                resource: nativeBucketOn(nativeProvider("n", { roleArn: arn(DEV) })),
                violations: deny(/assumes no role \(its roleArn is the role Cloud Control uses for operations/),
            },
            // sdk provider.js: skipCredentialsValidation defaults to true, and then the pin is never checked.
            {
                name: "no role, allowedAccountIds pinned, SDK default skipCredentialsValidation true: not pinned",
                resource: nativeBucketOn(nativeProvider("n", { allowedAccountIds: [DEV] })),
                violations: deny(/relies on allowedAccountIds.*cannot enforce that pin: skipCredentialsValidation is true/),
            },
            {
                name: "no role, forbiddenAccountIds names the management account, SDK default: not pinned",
                resource: nativeBucketOn(nativeProvider("n", { forbiddenAccountIds: [MGMT] })),
                violations: deny(/relies on forbiddenAccountIds.*skipCredentialsValidation is true/),
            },
            // provider.go varsOrEnv(..., "AWS_SKIP_CREDENTIALS_VALIDATION"): absent input, the environment decides.
            {
                name: "no role, a pin, skipCredentialsValidation not sent (another SDK): the environment decides",
                resource: nativeBucketOn(explicitProvider("n", { version: "1.79.0", allowedAccountIds: `["${DEV}"]` }, { pkg: "aws-native" })),
                violations: deny(/AWS_SKIP_CREDENTIALS_VALIDATION/),
            },
            // provider.go: the endpoint resolver answers endpoints["sts"] for the STS client that GetCallerIdentity uses.
            {
                name: "no role, a checked pin, but endpoints.sts overrides STS",
                resource: nativeBucketOn(nativeProvider("n", { allowedAccountIds: [DEV], skipCredentialsValidation: false, endpoints: { sts: "https://sts.example.com" } })),
                violations: deny(/cannot enforce that pin: endpoints\.sts sends the provider's account lookup to https:\/\/sts\.example\.com/),
            },
        ],
    });
});

// --- aws: pulumi/pulumi-terraform-bridge pkg/tfbridge/config_encoding.go; hashicorp/aws-sdk-go-base credentials.go --
describe("aws inputs decoded as the bridge decodes them (no-management-account-target)", () => {
    packPolicyCases("no-management-account-target", session, {
        valid: [
            // config_encoding.go: json.Unmarshal into interface{} (a Go map): an exact duplicate key, the last wins.
            {
                name: '[{"roleArn": management, "roleArn": dev}]: the last duplicate wins, dev',
                resource: bucketOn(explicitProvider("a", { version: "7.48.0", assumeRoles: `[{"roleArn":"${arn(MGMT)}","roleArn":"${arn(DEV)}"}]` })),
                violations: [],
            },
        ],
        invalid: [
            {
                name: '[{"roleArn": dev, "roleArn": management}]: the last duplicate wins, management',
                resource: bucketOn(explicitProvider("a", { version: "7.48.0", assumeRoles: `[{"roleArn":"${arn(DEV)}","roleArn":"${arn(MGMT)}"}]` })),
                violations: deny(/assumes arn:aws:iam::111111111111:role\/Admin \(assumeRoles\[0\]\)/),
            },
            // The bridge maps keys to Terraform names itself; another spelling of roleArn is not a reading we can predict.
            {
                name: '[{"roleArn": dev, "RoleArn": management}]: two spellings, ambiguous',
                resource: bucketOn(explicitProvider("a", { version: "7.48.0", assumeRoles: `[{"roleArn":"${arn(DEV)}","RoleArn":"${arn(MGMT)}"}]` })),
                violations: deny(/assumeRoles\[0\] spells roleArn as "roleArn" and "RoleArn"/),
            },
            {
                name: "both assumeRoles and assumeRole set",
                resource: bucketOn(otherSdkProvider("a", { assumeRoles: [{ roleArn: arn(DEV) }], assumeRole: { roleArn: arn(MGMT) } })),
                violations: deny(/both assumeRoles and assumeRole are set/),
            },
            // credentials.go assumeRoleCredentialsProvider: "IAM Role ARN not set in assume role i of n".
            {
                name: "an earlier hop without roleArn",
                resource: bucketOn(v7Provider("a", { assumeRoles: [{ sessionName: "s" }, { roleArn: arn(DEV) }] })),
                violations: deny(/assumeRoles\[0\] has no roleArn/),
            },
        ],
    });
});

// --- A pin counts only when the provider can enforce it ---------------------------------------------------------
// hashicorp/terraform-provider-aws internal/conns/config.go (ConfigureProvider: StsEndpoint = Endpoints[sts],
// IamEndpoint = Endpoints[iam], then the allowed/forbidden loops on the account id); hashicorp/aws-sdk-go-base
// aws_config.go (GetAwsAccountIDAndPartition), internal/config/config.go (Insecure -> InsecureSkipVerify,
// VerifyAccountIDAllowed), awsauth.go (IAM GetUser, STS, IAM ListRoles).
const pinned = (inputs: Record<string, unknown>) => bucketOn(v7Provider("pinned", { allowedAccountIds: [DEV], ...inputs }));
describe("aws pins that cannot be enforced (no-management-account-target)", () => {
    packPolicyCases("no-management-account-target", session, {
        valid: [
            { name: "an endpoint override for another service (s3)", resource: pinned({ endpoints: [{ s3: "http://localhost:4566" }] }), violations: [] },
            // terraform-provider-aws internal/provider/provider.go expandEndpoints: an empty value is no override.
            { name: 'endpoints [{sts: ""}] is no override', resource: pinned({ endpoints: [{ sts: "" }] }), violations: [] },
            // aws_config.go: with credentials validation on, only STS is asked; an IAM override is not consulted.
            { name: "an iam endpoint override while STS validates the credentials", resource: pinned({ endpoints: [{ iam: "https://iam.example.com" }] }), violations: [] },
            // aws_config.go: skipCredentialsValidation alone still looks the account up (IAM GetUser, STS, IAM ListRoles).
            { name: "skipCredentialsValidation alone, default endpoints", resource: pinned({ skipCredentialsValidation: true }), violations: [] },
            // config.go VerifyAccountIDAllowed: an empty account id is never in an allowed list: the provider refuses to start.
            { name: "both lookups skipped with allowedAccountIds: the provider refuses to start", resource: pinned({ skipCredentialsValidation: true, skipRequestingAccountId: true }), violations: [] },
            { name: "a known sub-account role decides, whatever the STS endpoint", resource: bucketOn(v7Provider("r", { assumeRoles: [{ roleArn: arn(DEV) }], endpoints: [{ sts: "https://sts.example.com" }], insecure: true })), violations: [] },
        ],
        invalid: [
            { name: "endpoints [{sts: ...}] answers the account lookup", resource: pinned({ endpoints: [{ sts: "https://sts.example.com" }] }), violations: deny(/relies on allowedAccountIds.*endpoints\[0\]\.sts sends the provider's account lookup/) },
            { name: "insecure: true", resource: pinned({ insecure: true }), violations: deny(/cannot enforce that pin: insecure: true turns off TLS certificate checks/) },
            {
                name: "skipRequestingAccountId with skipCredentialsValidation passes any forbidden list",
                resource: bucketOn(v7Provider("forbid", { forbiddenAccountIds: [MGMT], skipCredentialsValidation: true, skipRequestingAccountId: true })),
                violations: deny(/relies on forbiddenAccountIds.*skipRequestingAccountId with skipCredentialsValidation leaves the provider's account id empty/),
            },
            { name: "skipCredentialsValidation with an iam endpoint override (IAM GetUser is asked first)", resource: pinned({ skipCredentialsValidation: true, endpoints: [{ iam: "https://iam.example.com" }] }), violations: deny(/endpoints\[0\]\.iam/) },
            { name: 'another spelling of the key, {"STS": ...}, fails closed', resource: pinned({ endpoints: [{ STS: "https://sts.example.com" }] }), violations: deny(/endpoints\[0\]\.STS/) },
            { name: "the override in a second endpoints block", resource: pinned({ endpoints: [{ s3: "http://localhost:4566" }, { sts: "https://sts.example.com" }] }), violations: deny(/endpoints\[1\]\.sts/) },
            { name: "a flag that is not a boolean", resource: bucketOn(explicitProvider("odd", { version: "7.48.0", allowedAccountIds: `["${DEV}"]`, insecure: "yes" })), violations: deny(/insecure is yes, which is not a boolean/) },
        ],
    });
});

describe("allowed-target-accounts counts only enforceable pins", () => {
    const devOnly = usePackSession({ policyConfig: packConfig({ allowedAccountIds: [DEV] }) });
    packPolicyCases("allowed-target-accounts", devOnly, {
        valid: [
            { name: "aws-native pin checked (skipCredentialsValidation false)", resource: nativeBucketOn(nativeProvider("n", { allowedAccountIds: [DEV], skipCredentialsValidation: false })), violations: [] },
            { name: "aws pin with default endpoints", resource: pinned({}), violations: [] },
        ],
        invalid: [
            { name: "aws-native pin under the SDK default", resource: nativeBucketOn(nativeProvider("n", { allowedAccountIds: [DEV] })), violations: deny(/allowedAccountIds pin cannot be enforced \(skipCredentialsValidation is true/) },
            { name: "aws pin with an STS override", resource: pinned({ endpoints: [{ sts: "https://sts.example.com" }] }), violations: deny(/pin cannot be enforced \(endpoints\[0\]\.sts/) },
        ],
    });
});

describe("pin-allowed-account-ids says when a pin is inert", () => {
    packPolicyCases("pin-allowed-account-ids", session, {
        valid: [
            { name: "aws-native role and pin, skipCredentialsValidation false", resource: nativeBucketOn(nativeProvider("n", { assumeRole: { roleArn: arn(DEV) }, allowedAccountIds: [DEV], skipCredentialsValidation: false })), violations: [] },
        ] satisfies PackCase[],
        invalid: [
            // sdk provider.js default + provider.go: the pin is never compared with anything.
            {
                name: "aws-native role and pin under the SDK default skipCredentialsValidation true",
                resource: nativeBucketOn(nativeProvider("n", { assumeRole: { roleArn: arn(DEV) }, allowedAccountIds: [DEV] })),
                violations: advise(/pins allowedAccountIds to \["222222222222"\], but the aws-native provider never enforces it: skipCredentialsValidation is true/),
            },
            { name: "aws role and pin with an STS override", resource: bucketOn(v7Provider("a", { assumeRoles: [{ roleArn: arn(DEV) }], allowedAccountIds: [DEV], endpoints: [{ sts: "https://sts.example.com" }] })), violations: advise(/never enforces it: endpoints\[0\]\.sts/) },
        ],
    });
});
