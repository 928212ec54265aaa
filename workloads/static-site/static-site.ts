import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface StaticSiteArgs {
    comment: string;
    priceClass: string;
    /** The page served at the root. */
    indexHtml: string;
}

/** CloudFront's managed "CachingOptimized" cache policy. */
const CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

/**
 * A private S3 bucket served through CloudFront with origin access control. Every child uses
 * `parent: this`, so it inherits whatever provider the component is given (`providers`): the
 * component itself names no account.
 */
export class StaticSite extends pulumi.ComponentResource {
    readonly bucketName: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    readonly distributionId: pulumi.Output<string>;

    constructor(name: string, args: StaticSiteArgs, opts?: pulumi.ComponentResourceOptions) {
        super("guardrails:workloads:StaticSite", name, {}, opts);
        const bucket = new aws.s3.Bucket(`${name}-content`, {}, { parent: this });
        const inBucket = { parent: bucket };
        new aws.s3.BucketPublicAccessBlock(`${name}-content`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, inBucket);
        new aws.s3.BucketOwnershipControls(`${name}-content`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, inBucket);
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-content`, { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, inBucket);

        const oac = new aws.cloudfront.OriginAccessControl(
            `${name}-oac`,
            { originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4", description: `${name} bucket access` },
            { parent: this },
        );
        const distribution = new aws.cloudfront.Distribution(
            `${name}-cdn`,
            {
                enabled: true,
                comment: args.comment,
                priceClass: args.priceClass,
                defaultRootObject: "index.html",
                origins: [{ originId: "content", domainName: bucket.bucketRegionalDomainName, originAccessControlId: oac.id }],
                defaultCacheBehavior: {
                    targetOriginId: "content",
                    viewerProtocolPolicy: "redirect-to-https",
                    allowedMethods: ["GET", "HEAD"],
                    cachedMethods: ["GET", "HEAD"],
                    cachePolicyId: CACHING_OPTIMIZED,
                    compress: true,
                },
                restrictions: { geoRestriction: { restrictionType: "none" } },
                viewerCertificate: { cloudfrontDefaultCertificate: true },
            },
            { parent: this },
        );

        // An invoke on the component's provider: `parent: this` resolves it like a child resource.
        const readByCloudFront = aws.iam.getPolicyDocumentOutput(
            {
                statements: [
                    {
                        sid: "CloudFrontReadsContent",
                        principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }],
                        actions: ["s3:GetObject"],
                        resources: [pulumi.interpolate`${bucket.arn}/*`],
                        conditions: [{ test: "StringEquals", variable: "AWS:SourceArn", values: [distribution.arn] }],
                    },
                ],
            },
            { parent: this },
        );
        new aws.s3.BucketPolicy(`${name}-content`, { bucket: bucket.id, policy: readByCloudFront.json }, inBucket);
        new aws.s3.BucketObject(`${name}-index`, { bucket: bucket.id, key: "index.html", content: args.indexHtml, contentType: "text/html" }, inBucket);

        this.bucketName = bucket.bucket;
        this.distributionId = distribution.id;
        this.url = pulumi.interpolate`https://${distribution.domainName}`;
        this.registerOutputs({ bucketName: this.bucketName, url: this.url });
    }
}
