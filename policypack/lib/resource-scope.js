"use strict";
/** Which resources and providers the guardrails look at, decided from type tokens and URNs. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_PACKAGES = void 0;
exports.packageOfType = packageOfType;
exports.providerPackage = providerPackage;
exports.urnName = urnName;
exports.isDefaultProviderUrn = isDefaultProviderUrn;
exports.isAwsResource = isAwsResource;
exports.providerToJudge = providerToJudge;
exports.describeProvider = describeProvider;
/** Packages whose resources reach AWS. Configurable per policy (`packages`). */
exports.DEFAULT_PACKAGES = ["aws", "aws-native"];
const PROVIDER_TYPE_PREFIX = "pulumi:providers:";
/** `aws:s3/bucket:Bucket` -> `aws`. */
function packageOfType(type) {
    const colon = type.indexOf(":");
    return colon < 0 ? type : type.slice(0, colon);
}
/** `pulumi:providers:aws` -> `aws`; undefined for anything that is not a provider. */
function providerPackage(type) {
    return type.startsWith(PROVIDER_TYPE_PREFIX) ? type.slice(PROVIDER_TYPE_PREFIX.length) : undefined;
}
/** The name part of a URN: everything after the last `::`. */
function urnName(urn) {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}
/**
 * The engine names default providers `default` (version unknown) or `default_<major>_<minor>_<patch>`
 * with more `_...` parts for pre-release, build and download URL; a user cannot choose these names.
 */
function isDefaultProviderUrn(urn) {
    const name = urnName(urn);
    return name === "default" || name.startsWith("default_");
}
/** A custom resource of one of `packages`, which must therefore reach AWS through a provider. */
function isAwsResource(type, packages) {
    return providerPackage(type) === undefined && packages.includes(packageOfType(type));
}
/**
 * The provider whose target account a resource's analysis should judge: a provider resource of one
 * of `packages` is judged itself; an AWS resource is judged by the provider it uses.
 */
function providerToJudge(resource, packages) {
    const ownPackage = providerPackage(resource.type);
    if (ownPackage !== undefined) {
        return packages.includes(ownPackage) ? resource : undefined;
    }
    if (!isAwsResource(resource.type, packages) || !resource.provider) {
        return undefined;
    }
    const providerPkg = providerPackage(resource.provider.type);
    return providerPkg !== undefined && packages.includes(providerPkg) ? resource.provider : undefined;
}
/** How a provider is named in messages: its name and, for defaults, what that means. */
function describeProvider(provider) {
    return isDefaultProviderUrn(provider.urn) ? `default provider "${provider.name}"` : `provider "${provider.name}"`;
}
//# sourceMappingURL=resource-scope.js.map