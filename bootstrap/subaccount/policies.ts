import { accountRoot, assumersOf, managementRoleArn, Organization, policy, PolicyDocument, SubAccount, SubAccountRole } from "@guardrails/organization";

/**
 * Trust for a sub-account role: the management account, narrowed by `aws:PrincipalArn` to the
 * management roles the mapping names. Naming the role ARN as Principal instead would pin the role's
 * unique id, so recreating a management role would silently break trust.
 */
export function subAccountTrustPolicy(org: Organization, account: SubAccount, role: SubAccountRole): PolicyDocument {
    const assumers = assumersOf(org, account, role).map((m) => managementRoleArn(org, m));
    return policy({
        Sid: "MappedManagementRoles",
        Effect: "Allow",
        Principal: { AWS: accountRoot(org.management.accountId) },
        Action: "sts:AssumeRole",
        Condition: { ArnEquals: { "aws:PrincipalArn": assumers } },
    });
}
