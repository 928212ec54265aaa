import { describe, expect, it } from "vitest";
import { SIGNATURE_KEY, UNKNOWN } from "../../linter/src/engine/encoding";
import { RESOURCE_REFERENCE_SIG, SECRET_SIG } from "../../linter/src/engine/marshal";
import type { ProgramRun, RecordedResource } from "../../linter/src/preview/program-run";
import { providerOf } from "../programs/stack-runs";
import { registered, runFixture } from "./run-fixture";

/**
 * The program shapes the Node language host runs (`@pulumi/pulumi/cmd/run`), one fixture each,
 * run the way `guardrail preview` runs them. The runner enters every program through the host's
 * own cmd/run of the program's SDK; these rows are the proof that the shapes behave as under
 * `pulumi preview`.
 */
const PER_TEST_MS = 180_000;

function only(run: ProgramRun, type: string, name: string): RecordedResource {
    const found = run.resources.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).toHaveLength(1);
    return found[0];
}

function expectAllOn(run: ProgramRun, providerName: string): void {
    const aws = run.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
    expect(aws.length).toBeGreaterThan(0);
    for (const r of aws) {
        expect(providerOf(run, r.provider)?.name, `${r.type} ${r.name}`).toBe(providerName);
    }
}

describe.concurrent("programs enter as the language host enters them", () => {
    const rows: { fixture: string; shape: string; creates: string; outputs: Record<string, unknown>; warning?: RegExp }[] = [
        { fixture: "export-function", shape: "`export =` an async function, whose result is the stack outputs", creates: "aws:s3/bucket:Bucket inside-function", outputs: { bucketName: "inside-function" } },
        { fixture: "module-exports-js", shape: "plain JavaScript `module.exports =` an async function", creates: "aws:sns/topic:Topic from-module-exports", outputs: { topicName: "from-module-exports" } },
        { fixture: "esm-module", shape: '"type": "module" with top-level await and a default export function', creates: "aws:sqs/queue:Queue queue-esm", outputs: { queueName: "queue-esm" } },
        { fixture: "esm-mts", shape: "an ES module whose entry is index.mts (Pulumi.yaml main)", creates: "aws:s3/bucket:Bucket mts-bucket", outputs: { bucket: "mts-bucket" } },
        {
            fixture: "main-index-js",
            shape: "package.json main names index.js beside an index.ts",
            creates: "aws:dynamodb/table:Table from-index-ts",
            outputs: { table: "from-index-ts" },
            warning: /^Could not find entry point 'index.js' specified in package.json; using '.*main-index-js' instead$/,
        },
    ];
    it.each(rows)("$shape ($fixture)", async ({ fixture, creates, outputs, warning }) => {
        const run = await runFixture(fixture);
        expect(run.errors).toEqual([]);
        expect(registered(run)).toEqual([`pulumi:pulumi:Stack ${fixture}-dev`, creates]);
        expect(run.resources[1].parent).toBe(`urn:pulumi:dev::${fixture}::pulumi:pulumi:Stack::${fixture}-dev`);
        expect(run.outputs).toEqual(outputs);
        if (warning) {
            expect(run.warnings).toEqual([expect.stringMatching(warning)]);
        }
    }, PER_TEST_MS);

    it("transforms the engine applies are applied: the stack's (to resources created before them too), a component's to its children, invoke transforms", async () => {
        const run = await runFixture("engine-transforms");
        expect(run.errors).toEqual([]);
        expect(providerOf(run, only(run, "aws:s3/bucket:Bucket", "early").provider)?.name).toBe("workload");
        expect(providerOf(run, only(run, "aws:s3/bucket:Bucket", "late").provider)?.name).toBe("workload");
        const queue = only(run, "aws:sqs/queue:Queue", "queues-jobs");
        expect(providerOf(run, queue.provider)?.name).toBe("workload");
        expect(queue.inputs.delaySeconds).toBe(5);
        expect(only(run, "pulumi:providers:aws", "workload").provider).toBeUndefined();
        expect(run.invokes.map((i) => [i.token, providerOf(run, i.provider)?.name])).toEqual([["aws:s3/getBucket:getBucket", "workload"]]);
    }, PER_TEST_MS);

    it("a CommonJS `export default` function is not called, as the host does not call it, and the run says so", async () => {
        const run = await runFixture("cjs-export-default");
        expect(run.errors).toEqual([]);
        expect(run.programExportNotCalled).toBe(true);
        expect(registered(run)).toEqual(["pulumi:pulumi:Stack cjs-export-default-dev"]);
    }, PER_TEST_MS);

    it("an .mts entry in a CommonJS package fails as the host's ts-node fails on it", async () => {
        const run = await runFixture("mts-in-commonjs");
        expect(run.errors).toEqual([expect.stringMatching(/^Must use import to load ES Module: .*mts-in-commonjs\/index\.mts/)]);
    }, PER_TEST_MS);

    it("the program is started by its SDK's cmd/run, with ts-node over its own tsconfig (decorators on), as the host starts it", async () => {
        const run = await runFixture("host-environment");
        expect(run.errors).toEqual([]);
        expect(run.outputs).toEqual({
            entry: "cmd/run/index.js",
            tsNodeProject: "host-environment/tsconfig.json",
            transpileOnly: true,
            decorator: "decorated",
            stack: "dev",
            project: "host-environment",
            dryRun: "true",
            cwd: "host-environment",
        });
    }, PER_TEST_MS);
});

describe.concurrent("programs of real shapes run to the end", () => {
    it("Lambda callbacks (onObjectCreated, onSchedule, CallbackFunction): closures serialized, the bucket notification made at beforeExit", async () => {
        const run = await runFixture("lambda-callbacks");
        expect(run.errors).toEqual([]);
        for (const fn of ["on-upload", "nightly-cleanup", "api-handler"]) {
            only(run, "aws:lambda/function:Function", fn);
        }
        // @pulumi/aws creates one notification per bucket when the event loop empties.
        only(run, "aws:s3/bucketNotification:BucketNotification", "on-upload");
        const code = only(run, "aws:lambda/function:Function", "api-handler").inputs.code as { assets: Record<string, { text: string }> };
        expect(code.assets["__index.js"].text).toMatch(/exports\.handler = /);
        expect(code.assets["__index.js"].text).toContain("thumbnails/");
        expectAllOn(run, "shop-dev");
    }, PER_TEST_MS);

    it("issue 9's program: onObjectCreated on a bucket with a proper provider puts everything it creates on that provider", async () => {
        const run = await runFixture("bucket-event-subscription");
        expect(run.errors).toEqual([]);
        only(run, "aws:s3/bucketNotification:BucketNotification", "on-incoming");
        only(run, "aws:s3:BucketEventSubscription", "on-incoming");
        expectAllOn(run, "shop-dev");
    }, PER_TEST_MS);

    it("remote components (aws-apigateway, awsx) get resource references with engine URNs; assets and archives are recorded", async () => {
        const run = await runFixture("resource-references");
        expect(run.errors).toEqual([]);
        const hello = only(run, "aws:lambda/function:Function", "hello");
        const api = only(run, "aws-apigateway:index:RestAPI", "api");
        expect(api.custom).toBe(false);
        expect((api.inputs.routes as { eventHandler: unknown }[])[0].eventHandler).toMatchObject({ [SIGNATURE_KEY]: RESOURCE_REFERENCE_SIG, urn: hello.urn, id: "hello-id" });
        const lb = only(run, "awsx:lb:ApplicationLoadBalancer", "web");
        expect((lb.inputs.subnets as { urn: string }[]).map((s) => s.urn)).toEqual([only(run, "aws:ec2/subnet:Subnet", "subnet-a").urn, only(run, "aws:ec2/subnet:Subnet", "subnet-b").urn]);
        only(run, "awsx:ecr:Repository", "images");
        expect(only(run, "aws:s3/bucketObject:BucketObject", "index.html").inputs.source).toMatchObject({ path: "site/index.html" });
        expect(only(run, "aws:s3/bucketObject:BucketObject", "robots.txt").inputs.source).toMatchObject({ text: "User-agent: *\nDisallow:\n" });
        expect(Object.keys((only(run, "aws:lambda/function:Function", "zipped").inputs.code as { assets: object }).assets).sort()).toEqual(["index.js", "lib"]);
    }, PER_TEST_MS);
});

describe.concurrent("config reaches the program as the CLI merges it", () => {
    it("project-level config: values, shorthand and typed defaults, objects; stack values win", async () => {
        const run = await runFixture("project-config");
        expect(run.errors).toEqual([]);
        expect(run.outputs).toEqual({ region: "eu-west-1", owner: "platform-team", replicaCount: 2, tagsSeen: { "cost-centre": "42", team: "platform" } });
        expect(registered(run).filter((r) => r.startsWith("aws:sqs"))).toEqual(["aws:sqs/queue:Queue work-0", "aws:sqs/queue:Queue work-1"]);
    }, PER_TEST_MS);

    it("an encrypted value runs as a secret placeholder (the unknown value), and --stack-config gives it a test value, still secret", async () => {
        const roleInput = (run: ProgramRun) => only(run, "pulumi:providers:aws", "deployer").inputs.assumeRoles as { [SIGNATURE_KEY]: string; value: string };
        const placeholder = await runFixture("secure-config");
        expect(placeholder.errors).toEqual([]);
        expect(roleInput(placeholder)[SIGNATURE_KEY]).toBe(SECRET_SIG);
        expect(JSON.parse(roleInput(placeholder).value)).toEqual([{ roleArn: UNKNOWN }]);
        expect(only(placeholder, "aws:ssm/parameter:Parameter", "db-password").inputs.value).toEqual({ [SIGNATURE_KEY]: SECRET_SIG, value: UNKNOWN });

        const tested = await runFixture("secure-config", { stackConfig: { deployRoleArn: "arn:aws:iam::222222222222:role/Admin" } });
        expect(tested.errors).toEqual([]);
        expect(roleInput(tested)[SIGNATURE_KEY]).toBe(SECRET_SIG);
        expect(JSON.parse(roleInput(tested).value)).toEqual([{ roleArn: "arn:aws:iam::222222222222:role/Admin" }]);
    }, PER_TEST_MS);
});
