import { describe, it } from "vitest";
import { defaultAwsProvider, explicitProvider, providerAsResource, resource, urn } from "../harness/resources";
import { expectPolicyViolations, PackCase, packConfig, packPolicyCases, subAccountProvider, usePackSession } from "./fixtures";

const POLICY = "aws-explicit-provider";
const session = usePackSession();
const deny = (message: RegExp) => [{ level: "mandatory" as const, message }];

const valid: PackCase[] = [
    { name: "bucket on an explicit provider", resource: resource("aws:s3/bucket:Bucket", "site", { provider: subAccountProvider() }), violations: [] },
    {
        name: "aws-native resource on an explicit provider",
        resource: resource("aws-native:s3:Bucket", "native", { provider: explicitProvider("native", { roleArn: "x" }, { pkg: "aws-native" }) }),
        violations: [],
    },
    {
        name: "child of a component, provider inherited (nested URN)",
        resource: resource("aws:s3/bucket:Bucket", "assets", {
            parentTypes: ["acme:web:Site"],
            parent: urn("acme:web:Site", "site"),
            provider: subAccountProvider(),
        }),
        violations: [],
    },
    { name: "the stack itself", resource: resource("pulumi:pulumi:Stack", "workload-dev"), violations: [] },
    { name: "a component", resource: resource("acme:web:Site", "site"), violations: [] },
    // @pulumi/aws lambda/lambdaMixins.js: `class EventSubscription extends pulumi.ComponentResource`; the engine sends
    // components no provider. The full list is generated from the SDKs (sdk-components.test.ts checks every type).
    {
        name: "an SDK component in the aws namespace (bucket.onObjectCreated's subscription)",
        resource: resource("aws:s3:BucketEventSubscription", "on-upload", { parentTypes: ["aws:s3/bucket:Bucket"], parent: urn("aws:s3/bucket:Bucket", "uploads") }),
        violations: [],
    },
    // @pulumi/awsx classic/apigateway/api.js registers its API component as `aws:apigateway:x:API`.
    { name: "an awsx classic component registered under aws:", resource: resource("aws:apigateway:x:API", "api"), violations: [] },
    { name: "a stack reference", resource: resource("pulumi:pulumi:StackReference", "network"), violations: [] },
    {
        name: "random resource on its default provider",
        resource: resource("random:index/randomId:RandomId", "suffix", {
            provider: explicitProvider("default_4_16_0", {}, { pkg: "random" }),
        }),
        violations: [],
    },
    { name: "an aws provider resource itself (has no provider)", resource: providerAsResource(subAccountProvider()), violations: [] },
    {
        name: "provider whose user-chosen name merely starts with 'default'",
        resource: resource("aws:sqs/queue:Queue", "q", { provider: { ...subAccountProvider(), name: "defaultish", urn: urn("pulumi:providers:aws", "defaultish") } }),
        violations: [],
    },
];

const invalid: PackCase[] = [
    {
        name: "default provider with version",
        resource: resource("aws:s3/bucket:Bucket", "b", { provider: defaultAwsProvider("7.48.0") }),
        violations: deny(/uses the default provider "default_7_48_0".*ambient/),
    },
    {
        name: "default provider of unknown version",
        resource: resource("aws:s3/bucket:Bucket", "b", { provider: explicitProvider("default", {}) }),
        violations: deny(/default provider "default"/),
    },
    {
        name: "default provider with pre-release and download-URL suffixes",
        resource: resource("aws:iam/role:Role", "r", { provider: explicitProvider("default_7_0_0_alpha_1_https_example_com", {}) }),
        violations: deny(/default_7_0_0_alpha_1/),
    },
    {
        name: "aws-native resource on its default provider",
        resource: resource("aws-native:s3:Bucket", "b", { provider: explicitProvider("default_1_30_0", {}, { pkg: "aws-native" }) }),
        violations: deny(/aws-native:s3:Bucket "b" uses the default provider/),
    },
    {
        name: "default provider reached through a component parent",
        resource: resource("aws:s3/bucket:Bucket", "assets", {
            parentTypes: ["acme:web:Site"],
            parent: urn("acme:web:Site", "site"),
            provider: defaultAwsProvider(),
        }),
        violations: deny(/assets/),
    },
    {
        name: "an AWS resource with no provider at all (fail closed)",
        resource: resource("aws:s3/bucket:Bucket", "orphan"),
        violations: deny(/without any provider reference/),
    },
    {
        name: "a type in the aws namespace that no SDK registers as a component, without a provider (fail closed)",
        resource: resource("aws:s3:MadeUpSubscription", "x"),
        violations: deny(/aws:s3:MadeUpSubscription "x" arrived without any provider reference/),
    },
    {
        name: "a .get() read of an AWS resource on the default provider",
        resource: resource("aws:ec2/vpc:Vpc", "existing", { provider: defaultAwsProvider(), properties: { id: "vpc-123" } }),
        violations: deny(/aws:ec2\/vpc:Vpc "existing"/),
    },
];

describe(POLICY, () => {
    packPolicyCases(POLICY, session, { valid, invalid });
});

describe(`${POLICY} with packages configured`, () => {
    const onlyAws = usePackSession({ policyConfig: { ...packConfig(), [POLICY]: { packages: ["aws"] } } });
    it("leaves aws-native alone when only aws is listed", async () => {
        const r = resource("aws-native:s3:Bucket", "b", { provider: explicitProvider("default_1_30_0", {}, { pkg: "aws-native" }) });
        expectPolicyViolations(await onlyAws().analyze(r), POLICY, []);
    });
    it("still denies aws on a default provider", async () => {
        const r = resource("aws:s3/bucket:Bucket", "b", { provider: defaultAwsProvider() });
        expectPolicyViolations(await onlyAws().analyze(r), POLICY, deny(/default provider/));
    });
});
