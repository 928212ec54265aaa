import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../lib/config";
import { isPreview } from "../lib/engine-run";
import { providerTarget } from "../lib/provider-target";
import { reportAtLevel, resourceCheckWithConfig } from "../lib/report";
import { describeProvider, providerToJudge } from "../lib/resource-scope";

const schema = configSchema(["packages", "allowUnknownTargetAtPreview"]);

/**
 * During preview a provider's role may be computed from another resource's output. @pulumi/policy
 * would turn that into an advisory note and let the preview pass; we fail closed instead, because a
 * preview that passes is what people gate merges on. Only the part of the inputs that decides the
 * account counts: a known last role decides it even when an earlier hop or an external id is unknown.
 */
export const verifiableProviderTarget: ResourceValidationPolicy = {
    name: "verifiable-provider-target",
    description: "The account an AWS provider acts in must be known at preview time.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Build the provider's role ARN from stack config or the organisation map rather than from another " +
        "resource's output, or set allowUnknownTargetAtPreview: true to accept such providers with an advisory note during previews.",
    configSchema: schema,
    validateResource: resourceCheckWithConfig<"packages" | "allowUnknownTargetAtPreview">(schema, (args, report, config) => {
        const provider = providerToJudge(args, config.packages);
        if (!provider) {
            return;
        }
        const target = providerTarget(provider);
        if (target.undecided.length === 0 || target.malformed) {
            return;
        }
        const preview = isPreview();
        const fields = target.undecided.join(", ");
        const verb = target.undecided.length === 1 ? "is" : "are";
        const when = preview ? "not known until the update runs" : "still not known during the update";
        const message = `${describeProvider(provider)} could not be verified: ${fields} ${verb} ${when}, so its target account cannot be checked.`;
        if (config.allowUnknownTargetAtPreview && preview) {
            reportAtLevel(report, message, "advisory");
        } else if (config.allowUnknownTargetAtPreview) {
            report(`${message} allowUnknownTargetAtPreview applies to previews only; an update fails closed.`);
        } else {
            report(message);
        }
    }),
};
