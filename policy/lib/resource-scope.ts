/** Which resources and providers the guardrails look at, decided from type tokens and URNs. */
import { SDK_COMPONENT_TYPES } from "./component-types";

/** Packages whose resources reach AWS. Configurable per policy (`packages`). */
export const DEFAULT_PACKAGES: readonly string[] = ["aws", "aws-native"];

const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** `aws:s3/bucket:Bucket` -> `aws`. */
function packageOfType(type: string): string {
    const colon = type.indexOf(":");
    return colon < 0 ? type : type.slice(0, colon);
}

/** `pulumi:providers:aws` -> `aws`; undefined for anything that is not a provider. */
function providerPackage(type: string): string | undefined {
    return type.startsWith(PROVIDER_TYPE_PREFIX) ? type.slice(PROVIDER_TYPE_PREFIX.length) : undefined;
}

/** The name part of a URN: everything after the last `::`. */
function urnName(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}

/**
 * The engine names default providers `default` (version unknown) or `default_<major>_<minor>_<patch>`
 * with more `_...` parts for pre-release, build and download URL; a user cannot choose these names.
 */
export function isDefaultProviderUrn(urn: string): boolean {
    const name = urnName(urn);
    return name === "default" || name.startsWith("default_");
}

/**
 * Components the SDKs register inside a provider namespace (`aws:s3:BucketEventSubscription`, ...),
 * generated from the installed SDKs. A component talks to no cloud API, and the engine sends none of
 * them a provider; its children are judged on their own.
 */
const COMPONENT_TYPES: ReadonlySet<string> = new Set(SDK_COMPONENT_TYPES);

/**
 * A custom resource of one of `packages`, which must therefore reach AWS through a provider. Any type
 * of those packages that is not a known component counts, so an unknown type without a provider is
 * denied rather than waved through.
 */
export function isAwsResource(type: string, packages: readonly string[]): boolean {
    // Asked for every resource by every policy (10,000 times in one AnalyzeStack): remember per type.
    // A config's `packages` array stays the same object until the next Configure.
    let byType = scopeByPackages.get(packages);
    if (!byType) {
        byType = new Map();
        scopeByPackages.set(packages, byType);
    }
    let inScope = byType.get(type);
    if (inScope === undefined) {
        inScope = providerPackage(type) === undefined && packages.includes(packageOfType(type)) && !COMPONENT_TYPES.has(type);
        byType.set(type, inScope);
    }
    return inScope;
}

const scopeByPackages = new WeakMap<readonly string[], Map<string, boolean>>();

export interface ProviderRef {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
}

export interface AnalyzedResource {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    provider?: ProviderRef;
}

/**
 * The provider whose target account a resource's analysis should judge: a provider resource of one
 * of `packages` is judged itself; an AWS resource is judged by the provider it uses.
 */
export function providerToJudge(resource: AnalyzedResource, packages: readonly string[]): ProviderRef | undefined {
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
export function describeProvider(provider: ProviderRef): string {
    return isDefaultProviderUrn(provider.urn) ? `default provider "${provider.name}"` : `provider "${provider.name}"`;
}
