import { policy, PolicyDocument, Statement } from "@guardrails/organization";

/**
 * The baseline service control policy bootstrap/management attaches to every environment's OU.
 * One policy with several statements rather than one policy per rule: AWS allows five SCPs per
 * target, FullAWSAccess included, and a landing zone should leave room for the organisation's own.
 *
 * SCPs never restrict the management account (nor service-linked roles): these rules bind the
 * member accounts only, which is why the management account keeps its own least-privilege roles.
 */
export interface BaselineOptions {
    /** The organisation trail is on: member accounts may not switch CloudTrail or GuardDuty off. */
    protectAuditServices: boolean;
    /** Regions members may use (global services excepted); empty: no region rule. */
    allowedRegions: string[];
}

/** SCPs are limited to 5,120 characters. */
export const SCP_MAX_CHARACTERS = 5120;

/** What switches auditing off or blinds it; reading and creating trails and detectors stays allowed. */
const CLOUDTRAIL_DISABLING = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"];
const GUARDDUTY_DISABLING = [
    "guardduty:DeleteDetector",
    "guardduty:UpdateDetector",
    "guardduty:DisassociateFromMasterAccount",
    "guardduty:DisassociateFromAdministratorAccount",
    "guardduty:DeleteMembers",
    "guardduty:DisassociateMembers",
    "guardduty:StopMonitoringMembers",
];

/**
 * Services that are global (their requests name us-east-1 or no region at all) or that a region
 * rule must not break (signing in, support, billing): exempt from the region allow-list.
 */
const GLOBAL_SERVICES = [
    "account:*",
    "aws-portal:*",
    "billing:*",
    "budgets:*",
    "ce:*",
    "cloudfront:*",
    "cur:*",
    "globalaccelerator:*",
    "health:*",
    "iam:*",
    "organizations:*",
    "pricing:*",
    "route53:*",
    "route53domains:*",
    "s3:GetAccountPublicAccessBlock",
    "s3:ListAllMyBuckets",
    "s3:PutAccountPublicAccessBlock",
    "shield:*",
    "sso:*",
    "sts:*",
    "support:*",
    "tax:*",
    "trustedadvisor:*",
    "waf:*",
    "wafv2:*",
];

export function baselineServiceControlPolicy(options: BaselineOptions): PolicyDocument {
    const statements: Statement[] = [
        { Sid: "DenyLeavingTheOrganization", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" },
        // Member accounts are run through roles; their root users are for AWS's own recovery paths only.
        { Sid: "DenyRootUser", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } },
    ];
    if (options.protectAuditServices) {
        statements.push({ Sid: "DenyDisablingAuditServices", Effect: "Deny", Action: [...CLOUDTRAIL_DISABLING, ...GUARDDUTY_DISABLING], Resource: "*" });
    }
    if (options.allowedRegions.length > 0) {
        statements.push({
            Sid: "DenyRegionsOutsideTheAllowList",
            Effect: "Deny",
            NotAction: GLOBAL_SERVICES,
            Resource: "*",
            Condition: { StringNotEquals: { "aws:RequestedRegion": options.allowedRegions } },
        });
    }
    return policy(...statements);
}
