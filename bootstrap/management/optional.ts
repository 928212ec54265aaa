import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Organization } from "@guardrails/organization";
import { trailBucketPolicy } from "./policies";

const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

/**
 * Admins of last resort: IAM users with AdministratorAccess and no access keys. Their console
 * passwords and MFA devices are set up by hand and kept offline (README: break-glass procedure).
 */
export function createBreakGlassUsers(names: string[], provider: aws.Provider): aws.iam.User[] {
    return names.map((name) => {
        const user = new aws.iam.User(name, { name, tags: { purpose: "break-glass" } }, { provider, protect: true });
        new aws.iam.UserPolicyAttachment(`${name}-admin`, { user: user.name, policyArn: ADMINISTRATOR_ACCESS }, { provider, parent: user });
        return user;
    });
}

export function breakGlassArns(org: Organization, names: string[]): string[] {
    return names.map((n) => `arn:aws:iam::${org.management.accountId}:user/${n}`);
}

/** One trail for every account of the organisation, into its own encrypted, TLS-only bucket. */
export function createOrganizationTrail(org: Organization, region: string, organization: pulumi.Output<{ id: string }>, provider: aws.Provider): aws.cloudtrail.Trail {
    const opts = { provider };
    const trailName = `${org.organization}-organization-trail`;
    const trailArn = `arn:aws:cloudtrail:${region}:${org.management.accountId}:trail/${trailName}`;
    const bucket = new aws.s3.Bucket("organization-trail", { bucket: `${org.organization}-organization-trail-${org.management.accountId}` }, { ...opts, protect: true });
    const child = { ...opts, parent: bucket };
    new aws.s3.BucketPublicAccessBlock("organization-trail", { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, child);
    new aws.s3.BucketOwnershipControls("organization-trail", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration("organization-trail", { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, child);
    new aws.s3.BucketVersioning("organization-trail", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, child);
    const policy = new aws.s3.BucketPolicy(
        "organization-trail",
        { bucket: bucket.id, policy: organization.id.apply((orgId) => JSON.stringify(trailBucketPolicy(`arn:aws:s3:::${org.organization}-organization-trail-${org.management.accountId}`, trailArn, orgId))) },
        child,
    );
    return new aws.cloudtrail.Trail(
        "organization-trail",
        { name: trailName, s3BucketName: bucket.id, isOrganizationTrail: true, isMultiRegionTrail: true, enableLogFileValidation: true, includeGlobalServiceEvents: true },
        { ...opts, dependsOn: [policy] },
    );
}
