import type { Policies } from "@pulumi/policy";
import type { GuardrailConfig } from "./config";
import { policies as packPolicies } from "../policies";

/**
 * Builds a `--policy-pack-config` document: each policy gets exactly the keys its `configSchema`
 * declares, so the file stays valid as policies gain or drop keys.
 */
export function buildPolicyPackConfig(
    settings: Partial<GuardrailConfig> & Pick<GuardrailConfig, "managementAccountId">,
    policies: Policies = packPolicies,
): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const policy of policies) {
        const block: Record<string, unknown> = {};
        for (const key of Object.keys(policy.configSchema?.properties ?? {})) {
            const value = settings[key as keyof GuardrailConfig];
            if (value !== undefined) {
                block[key] = value;
            }
        }
        if (Object.keys(block).length > 0) {
            out[policy.name] = block;
        }
    }
    return out;
}
