import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ManagementRole, managementRoleArn, managementRoleName, Organization, PULUMI_ROLES } from "@guardrails/organization";
import { secretsKeyPolicy, stateAccessPolicy, stateBucketPolicy, stateReadPolicy } from "./policies";
import type { ManagementRoles } from "./roles";

export interface StateBackend {
    bucket: aws.s3.Bucket;
    key: aws.kms.Key;
    alias: aws.kms.Alias;
}

/** Old state versions are kept this long: enough to roll back a bad `pulumi up`. */
const NONCURRENT_VERSION_DAYS = 90;

/**
 * The Pulumi state bucket and the KMS key that encrypts both the bucket and Pulumi secrets, hardened,
 * and the minimal policy that lets the management roles use them: read and write for the roles that
 * run Pulumi, read only for the auditor.
 */
export function createStateBackend(
    org: Organization,
    roles: ManagementRoles,
    keyAdministratorArns: string[],
    region: string,
    provider: aws.Provider,
): StateBackend {
    const opts = { provider };
    const present = Object.keys(roles.roles) as ManagementRole[];
    const writers = present.filter((r) => PULUMI_ROLES.includes(r));
    const readers = present.filter((r) => !PULUMI_ROLES.includes(r));
    const arns = (list: ManagementRole[]) => list.map((r) => managementRoleArn(org, r));

    const key = new aws.kms.Key(
        "pulumi-secrets",
        {
            description: "Encrypts Pulumi state and secrets",
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            deletionWindowInDays: 30,
            policy: JSON.stringify(secretsKeyPolicy(org, keyAdministratorArns, arns(writers), arns(readers), region)),
        },
        opts,
    );
    const alias = new aws.kms.Alias("pulumi-secrets", { name: `alias/${org.stateBackend.secretsKeyAlias}`, targetKeyId: key.keyId }, { ...opts, parent: key });

    const bucket = new aws.s3.Bucket("pulumi-state", { bucket: org.stateBackend.bucket, forceDestroy: false }, { ...opts, protect: true });
    const child = { ...opts, parent: bucket };
    new aws.s3.BucketOwnershipControls("pulumi-state", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        "pulumi-state",
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        child,
    );
    const versioning = new aws.s3.BucketVersioning("pulumi-state", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(
        "pulumi-state",
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
        child,
    );
    new aws.s3.BucketPolicy("pulumi-state", { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(stateBucketPolicy(arn))) }, { ...child, dependsOn: [publicAccess] });
    new aws.s3.BucketLifecycleConfiguration(
        "pulumi-state",
        {
            bucket: bucket.id,
            rules: [
                { id: "expire-old-state-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_VERSION_DAYS } },
                { id: "abort-incomplete-uploads", status: "Enabled", filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
            ],
        },
        { ...child, dependsOn: [versioning] },
    );

    const access = pulumi.all([bucket.arn, key.arn]).apply(([b, k]) => JSON.stringify(stateAccessPolicy(b, k)));
    const read = pulumi.all([bucket.arn, key.arn]).apply(([b, k]) => JSON.stringify(stateReadPolicy(b, k, region)));
    for (const r of writers) {
        const name = managementRoleName(org, r);
        new aws.iam.RolePolicy(`${name}-pulumi-state`, { role: roles.roles[r]!.name, name: "PulumiStateAccess", policy: access }, { ...opts, parent: roles.roles[r] });
    }
    for (const r of readers) {
        const name = managementRoleName(org, r);
        new aws.iam.RolePolicy(`${name}-state-read`, { role: roles.roles[r]!.name, name: "PulumiStateRead", policy: read }, { ...opts, parent: roles.roles[r] });
    }
    return { bucket, key, alias };
}
