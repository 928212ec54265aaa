import type {
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    StackValidation,
    StackValidationArgs,
} from "@pulumi/policy";
import { ConfigKey, GuardrailConfig, readConfig } from "./config";

/**
 * Reports a violation at a level other than the policy's own. @pulumi/policy's server accepts an
 * object in place of the message for this, but its `ReportViolation` type only admits strings.
 */
export function reportAtLevel(report: ReportViolation, message: string, enforcementLevel: EnforcementLevel, urn?: string): void {
    const violation = { message, enforcementLevel, urn };
    (report as unknown as (v: typeof violation) => void)(violation);
}

const CONFIG_HINT = "Fix the policy configuration (guardrail policy-config --org-map FILE writes one from the organisation map).";

/**
 * Wraps a check so that it reads and validates the policy's config first; an invalid config is a
 * mandatory violation, never a pass. The same for resource and stack policies.
 */
function withConfig<A extends { getConfig<T extends object>(): T }, K extends ConfigKey>(
    schema: PolicyConfigSchema,
    check: (args: A, report: ReportViolation, config: Pick<GuardrailConfig, K>) => void,
): (args: A, report: ReportViolation) => void {
    return (args, report) => {
        const result = readConfig<K>(schema, args.getConfig());
        if (!result.ok) {
            reportAtLevel(report, `invalid policy configuration: ${result.error}. ${CONFIG_HINT}`, "mandatory");
            return;
        }
        check(args, report, result.config);
    };
}

export function resourceCheckWithConfig<K extends ConfigKey>(
    schema: PolicyConfigSchema,
    check: (args: ResourceValidationArgs, report: ReportViolation, config: Pick<GuardrailConfig, K>) => void,
): ResourceValidation {
    return withConfig(schema, check);
}

export function stackCheckWithConfig<K extends ConfigKey>(
    schema: PolicyConfigSchema,
    check: (args: StackValidationArgs, report: ReportViolation, config: Pick<GuardrailConfig, K>) => void,
): StackValidation {
    return withConfig(schema, check);
}
