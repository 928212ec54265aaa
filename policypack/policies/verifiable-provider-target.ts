import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../lib/config";
import { analyzeProviderTarget } from "../lib/provider-target";
import { reportAtLevel, resourceCheckWithConfig } from "../lib/report";
import { describeProvider, providerToJudge } from "../lib/resource-scope";

const schema = configSchema(["packages", "allowUnknownTargetAtPreview"]);

/**
 * During preview a provider's role may be computed from another resource's output. @pulumi/policy
 * would turn that into an advisory note and let the preview pass; we fail closed instead, because a
 * preview that passes is what people gate merges on.
 */
export const verifiableProviderTarget: ResourceValidationPolicy = {
    name: "verifiable-provider-target",
    description: "The account an AWS provider acts in must be known at preview time.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Build the provider's role ARN from stack config or the organisation map rather than from another " +
        "resource's output, or set allowUnknownTargetAtPreview: true to accept such providers with an advisory note.",
    configSchema: schema,
    validateResource: resourceCheckWithConfig<"packages" | "allowUnknownTargetAtPreview">(schema, (args, report, config) => {
        const provider = providerToJudge(args, config.packages);
        if (!provider) {
            return;
        }
        const target = analyzeProviderTarget(provider.props);
        if (target.unknownFields.length === 0 || target.malformed) {
            return;
        }
        const message =
            `${describeProvider(provider)} could not be verified: ${target.unknownFields.join(", ")} ` +
            `${target.unknownFields.length === 1 ? "is" : "are"} not known until the update runs, so its target account cannot be checked.`;
        if (config.allowUnknownTargetAtPreview) {
            reportAtLevel(report, message, "advisory");
        } else {
            report(message);
        }
    }),
};
