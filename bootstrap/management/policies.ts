import { accountRoot, ManagementRole, Organization, policy, PolicyDocument, RoleTrust, Statement, targetsOf } from "@guardrails/organization";

/**
 * Every policy document the management account gets, as pure functions of the organisation map and
 * the stack settings: the program stringifies them, the tests evaluate them with an IAM simulator.
 */

const MFA: Statement["Condition"] = { Bool: { "aws:MultiFactorAuthPresent": "true" } };

/**
 * The IAM role Identity Center creates for a permission set in an account:
 * `aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<PermissionSet>_<suffix>`, the region
 * segment present unless the Identity Center instance is in us-east-1. The suffix is random (16
 * characters) and changes when the set's assignments are recreated, so trust matches the ARN with
 * `aws:PrincipalArn` instead of naming the role. Sixteen `?` rather than `*`: with `*` the pattern
 * for set `Admin` would also match set `Admin_ReadOnly`'s role. Only Identity Center can create
 * roles under `/aws-reserved/`.
 */
export function permissionSetRolePatterns(accountId: string, permissionSet: string): string[] {
    const role = `AWSReservedSSO_${permissionSet}_${"?".repeat(16)}`;
    const base = `arn:aws:iam::${accountId}:role/aws-reserved/sso.amazonaws.com`;
    return [`${base}/${role}`, `${base}/*/${role}`];
}

/** Who may assume a management role: the people its `signIn` names, never a sub-account. */
export function managementTrustPolicy(org: Organization, trust: RoleTrust): PolicyDocument {
    switch (trust.kind) {
        case "account":
            // The account delegates to its IAM policies: only identities given assumeManagementRolePolicy get in.
            return policy({
                Sid: "PeopleOfTheManagementAccount",
                Effect: "Allow",
                Principal: { AWS: accountRoot(org.management.accountId) },
                Action: "sts:AssumeRole",
                ...(trust.requireMfa ? { Condition: MFA } : {}),
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
        case "identity-center":
            // Identity Center enforces its own MFA at sign-in; the permission-set role's session carries no MFA flag.
            return policy({
                Sid: "IdentityCenterPermissionSets",
                Effect: "Allow",
                Principal: { AWS: accountRoot(org.management.accountId) },
                Action: "sts:AssumeRole",
                Condition: { ArnLike: { "aws:PrincipalArn": trust.permissionSets.flatMap((p) => permissionSetRolePatterns(org.management.accountId, p)) } },
            });
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

/**
 * Attached to the IAM groups/users allowed into a management role (trust kind "account"), or put
 * into a permission set as its inline policy (kind "identity-center"): the trust names the account,
 * so the caller's own policy must allow the step too.
 */
export function assumeManagementRolePolicy(roleArns: string | string[], requireMfa: boolean): PolicyDocument {
    return policy({ Sid: "AssumeManagementRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArns, ...(requireMfa ? { Condition: MFA } : {}) });
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

/** S3 calls KMS on a reader's behalf for SSE-KMS objects; only such calls carry this `kms:ViaService`. */
export function s3ViaService(region: string): string {
    return `s3.${region}.amazonaws.com`;
}

/**
 * The auditor's whole power: list the state bucket, read its objects, and decrypt with the key only
 * when S3 asks on its behalf for those objects. A direct kms:Decrypt (say of a stack's encrypted
 * data key, which would open its Pulumi secrets) is not allowed.
 */
export function stateReadPolicy(bucketArn: string, keyArn: string, region: string): PolicyDocument {
    return policy(
        { Sid: "ListStateBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
        { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/*` },
        { Sid: "DecryptStateObjectsThroughS3", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn, Condition: { StringEquals: { "kms:ViaService": s3ViaService(region) } } },
    );
}

/**
 * The key is not handed to the whole account: administration only by the root user and the named
 * administrators (break-glass users), use only by the management roles that run Pulumi, and
 * S3-mediated decryption only for the readers (the auditor).
 */
export function secretsKeyPolicy(org: Organization, administratorArns: string[], userArns: string[], readerArns: string[] = [], region = org.defaultRegion): PolicyDocument {
    const root = accountRoot(org.management.accountId);
    const readers: Statement[] = readerArns.length === 0 ? [] : [
        {
            Sid: "KeyDecryptThroughS3ByStateReaders",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { ArnEquals: { "aws:PrincipalArn": readerArns }, StringEquals: { "kms:ViaService": s3ViaService(region) } },
        },
    ];
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
        ...readers,
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
