import { accountRoot, ManagementRole, Organization, policy, PolicyDocument, Statement, targetsOf } from "@guardrails/organization";
import type { ManagementSettings } from "./settings";

/**
 * Every policy document the management account gets, as pure functions of the organisation map and
 * the stack settings: the program stringifies them, the tests evaluate them with an IAM simulator.
 */

const MFA: Statement["Condition"] = { Bool: { "aws:MultiFactorAuthPresent": "true" } };

/** Who may assume a management role: the people, never a sub-account. */
export function managementTrustPolicy(org: Organization, settings: ManagementSettings): PolicyDocument {
    const trust = settings.trust;
    switch (trust.kind) {
        case "account":
            // The account delegates to its IAM policies: only identities given assumeManagementRolePolicy get in.
            return policy({
                Sid: "PeopleOfTheManagementAccount",
                Effect: "Allow",
                Principal: { AWS: accountRoot(org.management.accountId) },
                Action: "sts:AssumeRole",
                ...(settings.requireMfa ? { Condition: MFA } : {}),
            });
        case "saml":
            return policy({
                Sid: "FederatedSignIn",
                Effect: "Allow",
                Principal: { Federated: trust.providerArn },
                Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
            });
        case "oidc": {
            const issuer = trust.providerArn.replace(/^.*:oidc-provider\//, "");
            return policy({
                Sid: "FederatedWebIdentity",
                Effect: "Allow",
                Principal: { Federated: trust.providerArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { [`${issuer}:aud`]: trust.audience }, StringLike: { [`${issuer}:sub`]: trust.subjects } },
            });
        }
    }
}

/** The mapping: which sub-account roles a management role may assume. Undefined when it may assume none. */
export function roleMappingPolicy(org: Organization, role: ManagementRole): PolicyDocument | undefined {
    const targets = targetsOf(org, role);
    if (targets.length === 0) {
        return undefined;
    }
    return policy({ Sid: "AssumeMappedSubAccountRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: targets.map((t) => t.roleArn) });
}

/** Attached to the IAM groups/users allowed into a management role (trust kind "account"). */
export function assumeManagementRolePolicy(roleArn: string, requireMfa: boolean): PolicyDocument {
    return policy({ Sid: "AssumeManagementRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn, ...(requireMfa ? { Condition: MFA } : {}) });
}

/**
 * Exactly what the S3 state backend and the awskms secrets provider need, nothing more: list the
 * bucket, read/write/delete state objects, and use the key (Encrypt/Decrypt for secrets,
 * GenerateDataKey/Decrypt for SSE-KMS objects).
 */
export function stateAccessPolicy(bucketArn: string, keyArn: string): PolicyDocument {
    return policy(
        { Sid: "ListStateBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
        { Sid: "ReadWriteState", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/*` },
        { Sid: "UseSecretsAndStateKey", Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], Resource: keyArn },
    );
}

/**
 * The key is not handed to the whole account: administration only by the root user and the named
 * administrators (break-glass users), use only by the management roles that run Pulumi.
 */
export function secretsKeyPolicy(org: Organization, administratorArns: string[], userArns: string[]): PolicyDocument {
    const root = accountRoot(org.management.accountId);
    return policy(
        {
            Sid: "KeyAdministration",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: "kms:*",
            Resource: "*",
            Condition: { ArnEquals: { "aws:PrincipalArn": [root, ...administratorArns] } },
        },
        {
            Sid: "KeyUseByPulumiRoles",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { ArnEquals: { "aws:PrincipalArn": userArns } },
        },
    );
}

/** TLS only, for everyone. */
export function stateBucketPolicy(bucketArn: string): PolicyDocument {
    return policy({
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
}

/** An organisation trail's bucket: CloudTrail may write, over TLS only. */
export function trailBucketPolicy(bucketArn: string, trailArn: string, orgId: string): PolicyDocument {
    return policy(
        { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: { StringEquals: { "aws:SourceArn": trailArn } } },
        {
            Sid: "CloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/AWSLogs/${orgId}/*`,
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
    );
}
