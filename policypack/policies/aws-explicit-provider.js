"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.awsExplicitProvider = void 0;
const config_1 = require("../lib/config");
const report_1 = require("../lib/report");
const resource_scope_1 = require("../lib/resource-scope");
const schema = (0, config_1.configSchema)(["packages"]);
/**
 * A resource without `provider` silently runs on Pulumi's default provider, i.e. with the ambient
 * management-account credentials. Recognised by the engine's own naming of default providers.
 */
exports.awsExplicitProvider = {
    name: "aws-explicit-provider",
    description: "Every AWS resource must use an explicit provider, never Pulumi's default provider.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: "Pass { provider } (or { parent } of a component created with { providers }) to the resource, using an " +
        "aws.Provider that assumes a role in the target sub-account. Set `pulumi:disable-default-providers: [\"aws\"]` " +
        "in the stack config as a backstop.",
    configSchema: schema,
    validateResource: (0, report_1.resourceCheckWithConfig)(schema, (args, report, config) => {
        if (!(0, resource_scope_1.isAwsResource)(args.type, config.packages)) {
            return;
        }
        if (!args.provider) {
            // Fail closed: every custom resource reaches the engine with a provider reference.
            report(`${args.type} "${args.name}" arrived without any provider reference, so its account cannot be checked.`);
            return;
        }
        if ((0, resource_scope_1.isDefaultProviderUrn)(args.provider.urn)) {
            report(`${args.type} "${args.name}" uses the default provider "${args.provider.name}", which runs with the ambient ` +
                `(management-account) credentials. Give it an explicit provider that assumes a sub-account role.`);
        }
    }),
};
//# sourceMappingURL=aws-explicit-provider.js.map