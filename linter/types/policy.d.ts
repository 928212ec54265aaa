// pulumi-aws-guardrails/policy: the policy library a pack folder is built on (source: policy/index.ts).
import type { Policies } from "@pulumi/policy";

/** Every policy of the guardrail pack, in the order they are reported. */
export declare const policies: Policies;
/** The pack name: what `pulumi policy publish` and violation reports show. */
export declare const PACK_NAME: string;
export declare const PACK_DESCRIPTION: string;

export interface GuardrailConfig {
    managementAccountId: string;
    allowedAccountIds: string[];
    packages: string[];
    managementProjects: string[];
    allowUnknownTargetAtPreview: boolean;
}

/** A `--policy-pack-config` document: each policy gets exactly the keys its `configSchema` declares. */
export declare function buildPolicyPackConfig(
    settings: Partial<GuardrailConfig> & Pick<GuardrailConfig, "managementAccountId">,
    policies?: Policies,
): Record<string, Record<string, unknown>>;
