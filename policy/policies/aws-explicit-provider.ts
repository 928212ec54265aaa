import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchema } from "../lib/config";
import { resourceCheckWithConfig } from "../lib/report";
import { isAwsResource, isDefaultProviderUrn } from "../lib/resource-scope";

const schema = configSchema(["packages"]);

/**
 * A resource without `provider` silently runs on Pulumi's default provider, i.e. with the ambient
 * management-account credentials. Recognised by the engine's own naming of default providers.
 */
export const awsExplicitProvider: ResourceValidationPolicy = {
    name: "aws-explicit-provider",
    description: "Every AWS resource must use an explicit provider, never Pulumi's default provider.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Pass { provider } (or { parent } of a component created with { providers }) to the resource, using an " +
        "aws.Provider that assumes a role in the target sub-account. Set `pulumi:disable-default-providers: [\"aws\"]` " +
        "in the stack config as a backstop.",
    configSchema: schema,
    validateResource: resourceCheckWithConfig<"packages">(schema, (args, report, config) => {
        if (!isAwsResource(args.type, config.packages)) {
            return;
        }
        if (!args.provider) {
            // Fail closed: every custom resource reaches the engine with a provider reference.
            report(`${args.type} "${args.name}" arrived without any provider reference, so its account cannot be checked.`);
            return;
        }
        if (isDefaultProviderUrn(args.provider.urn)) {
            report(
                `${args.type} "${args.name}" uses the default provider "${args.provider.name}", which runs with the ambient ` +
                    `(management-account) credentials. Give it an explicit provider that assumes a sub-account role.`,
            );
        }
    }),
};
