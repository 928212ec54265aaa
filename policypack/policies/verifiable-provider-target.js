"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.verifiableProviderTarget = void 0;
const config_1 = require("../lib/config");
const provider_target_1 = require("../lib/provider-target");
const report_1 = require("../lib/report");
const resource_scope_1 = require("../lib/resource-scope");
const schema = (0, config_1.configSchema)(["packages", "allowUnknownTargetAtPreview"]);
/**
 * During preview a provider's role may be computed from another resource's output. @pulumi/policy
 * would turn that into an advisory note and let the preview pass; we fail closed instead, because a
 * preview that passes is what people gate merges on.
 */
exports.verifiableProviderTarget = {
    name: "verifiable-provider-target",
    description: "The account an AWS provider acts in must be known at preview time.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Build the provider's role ARN from stack config or the organisation map rather than from another " +
        "resource's output, or set allowUnknownTargetAtPreview: true to accept such providers with an advisory note.",
    configSchema: schema,
    validateResource: (0, report_1.resourceCheckWithConfig)(schema, (args, report, config) => {
        const provider = (0, resource_scope_1.providerToJudge)(args, config.packages);
        if (!provider) {
            return;
        }
        const target = (0, provider_target_1.analyzeProviderTarget)(provider.props);
        if (target.unknownFields.length === 0 || target.malformed) {
            return;
        }
        const message = `${(0, resource_scope_1.describeProvider)(provider)} could not be verified: ${target.unknownFields.join(", ")} ` +
            `${target.unknownFields.length === 1 ? "is" : "are"} not known until the update runs, so its target account cannot be checked.`;
        if (config.allowUnknownTargetAtPreview) {
            (0, report_1.reportAtLevel)(report, message, "advisory");
        }
        else {
            report(message);
        }
    }),
};
//# sourceMappingURL=verifiable-provider-target.js.map