import * as fs from "node:fs";
import * as path from "node:path";

/** Findings the linter must report per file with mistakes (every fifth file): see the template below. */
export const FINDINGS_PER_FAULTY_FILE = 5;

/**
 * A synthetic Pulumi program for the linter benchmark: `count` files of about ten AWS resources and
 * two invokes each, a mix of correct and missing providers, components with `(name, args, opts)` and
 * `(name, opts)` constructors, spreads and aliased imports. Every fifth file has exactly
 * FINDINGS_PER_FAULTY_FILE mistakes; the others have none.
 */
export function expectedFindings(count: number): number {
    return Math.ceil(count / 5) * FINDINGS_PER_FAULTY_FILE;
}

export function writeSyntheticProgram(dir: string, count: number, nodeModules: string): string[] {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "shared"), { recursive: true });
    fs.mkdirSync(path.join(dir, "stacks"), { recursive: true });
    fs.symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "synthetic", private: true }));
    fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true, noEmit: true }, include: ["shared", "stacks"] }),
    );
    fs.writeFileSync(
        path.join(dir, "shared/provider.ts"),
        `import * as aws from "@pulumi/aws";
export const provider = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }], allowedAccountIds: ["222222222222"] });
export const baseOpts = { provider, protect: false };
`,
    );
    fs.writeFileSync(
        path.join(dir, "shared/site.ts"),
        `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
export class Site extends pulumi.ComponentResource {
    readonly bucket: aws.s3.Bucket;
    constructor(name: string, args: { index: string }, opts?: pulumi.ComponentResourceOptions) {
        super("bench:web:Site", name, args, opts);
        this.bucket = new aws.s3.Bucket(name, { tags: { index: args.index } }, { parent: this });
        new aws.s3.BucketPublicAccessBlock(name, { bucket: this.bucket.id, blockPublicAcls: true }, { parent: this.bucket });
        this.registerOutputs({ bucket: this.bucket.id });
    }
}

/** Options second: \`new Store(name, { provider })\`. */
export class Store extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("bench:data:Store", name, {}, opts);
        new aws.dynamodb.Table(name, { attributes: [{ name: "id", type: "S" }], hashKey: "id" }, { parent: this });
        this.registerOutputs({});
    }
}
`,
    );
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
        const missing = i % 5 === 0; // every fifth file has mistakes
        const file = path.join(dir, "stacks", `stack${String(i).padStart(4, "0")}.ts`);
        fs.writeFileSync(
            file,
            `import * as aws from "@pulumi/aws";
import { s3 as storage, sqs } from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { provider, baseOpts } from "../shared/provider";
import { Site, Store } from "../shared/site";

const Topic = aws.sns.Topic;
const tags = { stack: "s${i}" };

export const bucket = new storage.Bucket("bucket-${i}", { tags }, { provider });
export const queue = new sqs.Queue("queue-${i}", { tags }, { ...baseOpts });
export const topic = new Topic("topic-${i}", { tags }, pulumi.mergeOptions({ protect: false }, { provider }));
new aws.sns.TopicSubscription("sub-${i}", { topic: topic.arn, protocol: "sqs", endpoint: queue.arn }, { provider, parent: topic });
new aws.cloudwatch.LogGroup("logs-${i}", { retentionInDays: 7 }, ${missing ? "{ protect: false }" : "baseOpts"});
new aws.ssm.Parameter("param-${i}", { type: "String", value: "v${i}" }, { provider });
new aws.kms.Key("key-${i}", { enableKeyRotation: true }, ${missing ? "" : "{ provider }"});
new aws.ecr.Repository("repo-${i}", {}, { provider });
new aws.iam.Role("role-${i}", { assumeRolePolicy: "{}" }, { provider });
new Site("site-${i}", { index: "${i}" }, ${missing ? "{}" : "{ providers: [provider] }"});
new Store("store-${i}", ${missing ? "{ protect: false }" : "{ provider }"});

export const caller = aws.getCallerIdentityOutput({}, { provider });
export const region = aws.getRegionOutput({}, ${missing ? "{}" : "{ provider }"});
`,
        );
        files.push(file);
    }
    return files;
}
