/**
 * Components that the SDKs register inside a provider namespace are out of scope; custom resources
 * without a provider stay denied. The list the pack uses is generated from the installed SDKs
 * (policy/scripts/generate-component-types.ts) and must equal a fresh generation.
 */
import * as fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { SIGNATURE_KEY } from "../../linter/src/engine/encoding";
import { EngineResource } from "../../linter/src/engine/analyzer-session";
import { enumerateSdkTypes, OUTPUT, renderComponentTypes, SdkTypes } from "../../policy/scripts/generate-component-types";
import { defaultAwsProvider, providerAsResource, resource, urn } from "../harness/resources";
import { DEV, expectPolicyViolations, packConfig, subAccountProvider, usePackSession } from "./fixtures";

const POLICY = "aws-explicit-provider";
let sdk: SdkTypes;
beforeAll(() => {
    sdk = enumerateSdkTypes();
}, 120_000);

describe("the generated component list", () => {
    it("equals a fresh generation from the installed @pulumi/aws and @pulumi/awsx", () => {
        expect(fs.readFileSync(OUTPUT, "utf8")).toBe(renderComponentTypes(sdk));
    });
    it("holds the event-subscription components of @pulumi/aws (lambda/lambdaMixins.js and the service mixins)", () => {
        expect(sdk.components).toEqual(
            expect.arrayContaining([
                "aws:s3:BucketEventSubscription",
                "aws:sns:TopicEventSubscription",
                "aws:sqs:QueueEventSubscription",
                "aws:cloudwatch:EventRuleEventSubscription",
                "aws:cloudwatch:LogGroupEventSubscription",
                "aws:dynamodb:TableEventSubscription",
                "aws:kinesis:StreamEventSubscription",
            ]),
        );
        expect(sdk.customResources.length).toBeGreaterThan(1000);
        expect(sdk.components.filter((t) => sdk.customResources.includes(t))).toEqual([]);
    });
});

describe(`${POLICY}: every SDK type without a provider`, () => {
    // awsx too, so that its components are checked as well: a user may list it under `packages`.
    const session = usePackSession({ policyConfig: { ...packConfig(), [POLICY]: { packages: ["aws", "aws-native", "awsx"] } } });

    it("never denies a component", async () => {
        const denied: string[] = [];
        for (const type of sdk.components) {
            const got = await session().analyze(resource(type, "c"));
            if (got.some((d) => d.policyName === POLICY)) {
                denied.push(type);
            }
        }
        expect(denied).toEqual([]);
    });
    it("denies every custom resource (fail closed)", async () => {
        const passed: string[] = [];
        for (const type of sdk.customResources) {
            const got = await session().analyze(resource(type, "r"));
            if (!got.some((d) => d.policyName === POLICY && d.enforcementLevel === "mandatory" && /without any provider reference/.test(d.message))) {
                passed.push(type);
            }
        }
        expect(passed).toEqual([]);
    });
    it("denies an unknown type of a checked package too", async () => {
        expectPolicyViolations(await session().analyze(resource("aws:s3:SomethingNew", "x")), POLICY, [{ level: "mandatory", message: /without any provider reference/ }]);
    });
});

/**
 * What @pulumi/aws 7.48 registers for `bucket.onObjectCreated("on-upload", handler)` on a bucket with an
 * explicit provider, as recorded by running such a program under mocks (linter/src/preview/program-run.ts):
 * s3/s3Mixins.js parents the `aws:s3:BucketEventSubscription` component to the bucket (no provider: a
 * component), lambda/lambdaMixins.js `CallbackFunction` adds a Role, nine RolePolicyAttachments and the
 * Function as its children (inheriting the bucket's provider through it), then a Permission; on
 * `beforeExit` a BucketNotification parented to the bucket takes the bucket's provider explicitly.
 */
function onObjectCreatedProgram(provider: ReturnType<typeof subAccountProvider>): EngineResource[] {
    const bucketUrn = urn("aws:s3/bucket:Bucket", "uploads");
    const subscriptionTypes = ["aws:s3/bucket:Bucket", "aws:s3:BucketEventSubscription"];
    const subscriptionUrn = urn("aws:s3:BucketEventSubscription", "on-upload", ["aws:s3/bucket:Bucket"]);
    const child = (type: string, name: string, properties: Record<string, unknown>) =>
        resource(type, name, { provider, parentTypes: subscriptionTypes, parent: subscriptionUrn, properties });
    const policies: [string, string][] = [
        ["b5aeb6b6", "AWSLambda_FullAccess"],
        ["d32a66fa", "CloudWatchFullAccessV2"],
        ["74d12784", "CloudWatchEventsFullAccess"],
        ["4aaabb8e", "AmazonS3FullAccess"],
        ["a1de8170", "AmazonDynamoDBFullAccess"],
        ["7cd09230", "AmazonSQSFullAccess"],
        ["e1a3786d", "AmazonKinesisFullAccess"],
        ["019020e7", "AmazonCognitoPowerUser"],
        ["1b4caae3", "AWSXrayWriteOnlyAccess"],
    ];
    const archive = {
        [SIGNATURE_KEY]: "0def7320c3a5731c473e5ecbe6d01bc7",
        assets: { "__index.js": { [SIGNATURE_KEY]: "c44067f5952c0a294b673a41bacd8c17", text: "exports.handler = async (e) => console.log(e);" } },
    };
    return [
        providerAsResource(provider),
        resource("aws:s3/bucket:Bucket", "uploads", { provider }),
        resource("aws:s3:BucketEventSubscription", "on-upload", { parentTypes: ["aws:s3/bucket:Bucket"], parent: bucketUrn }),
        child("aws:iam/role:Role", "on-upload", {
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" }, Effect: "Allow", Sid: "" }] }),
        }),
        ...policies.map(([hash, policy]) =>
            child("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `on-upload-${hash}`, { policyArn: `arn:aws:iam::aws:policy/${policy}`, role: "on-upload" }),
        ),
        child("aws:lambda/function:Function", "on-upload", { code: archive, handler: "__index.handler", role: `arn:aws:iam::${DEV}:role/on-upload`, runtime: "nodejs22.x", timeout: 180 }),
        child("aws:lambda/permission:Permission", "on-upload", { action: "lambda:InvokeFunction", function: "on-upload", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads" }),
        resource("aws:s3/bucketNotification:BucketNotification", "on-upload", {
            provider,
            parentTypes: ["aws:s3/bucket:Bucket"],
            parent: bucketUrn,
            properties: { bucket: "uploads", lambdaFunctions: [{ events: ["s3:ObjectCreated:*"], lambdaFunctionArn: `arn:aws:lambda:ap-southeast-2:${DEV}:function:on-upload` }] },
        }),
    ];
}

describe("bucket.onObjectCreated(...) on a bucket with a proper provider", () => {
    const session = usePackSession();
    const program = onObjectCreatedProgram(subAccountProvider(DEV, "dev"));

    it.each(program.map((r) => ({ name: r.urn, r })))("no policy reports $name", async ({ r }) => {
        expect(await session().analyze(r)).toEqual([]);
    });
    it("AnalyzeStack reports nothing either", async () => {
        expect(await session().analyzeStack(program)).toEqual([]);
    });
    it("on the default provider, the children are denied but the component is not", async () => {
        const onDefault = onObjectCreatedProgram({ ...defaultAwsProvider(), properties: { version: "7.48.0" } });
        const denied: string[] = [];
        for (const r of onDefault) {
            if ((await session().analyze(r)).some((d) => d.policyName === POLICY)) {
                denied.push(r.type);
            }
        }
        expect(denied).not.toContain("aws:s3:BucketEventSubscription");
        expect(denied).toEqual(expect.arrayContaining(["aws:s3/bucket:Bucket", "aws:lambda/function:Function", "aws:s3/bucketNotification:BucketNotification"]));
        expect(denied).toHaveLength(onDefault.length - 2); // all but the provider resource and the component
    });
});
