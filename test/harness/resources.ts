import { EngineProvider, EngineResource } from "../../linter/src/engine/analyzer-session";
import { jsonInput, SIGNATURE_KEY } from "../../linter/src/engine/encoding";

/** Builders for resources and providers shaped exactly like the engine's. */

export interface UrnContext {
    stack: string;
    project: string;
}

export const DEFAULT_CONTEXT: UrnContext = { stack: "dev", project: "workload" };

/** `urn:pulumi:<stack>::<project>::<parent types joined by $>$<type>::<name>` */
export function urn(type: string, name: string, parentTypes: string[] = [], ctx: UrnContext = DEFAULT_CONTEXT): string {
    const qualified = [...parentTypes, type].join("$");
    return `urn:pulumi:${ctx.stack}::${ctx.project}::${qualified}::${name}`;
}

/** The inputs @pulumi/aws 7.x sends for its provider; object inputs arrive as JSON strings. */
export function awsV7ProviderInputs(inputs: Record<string, unknown> = {}): Record<string, unknown> {
    const out: Record<string, unknown> = {
        version: "7.48.0",
        skipCredentialsValidation: "false",
        skipRegionValidation: "true",
    };
    for (const [k, v] of Object.entries(inputs)) {
        out[k] = typeof v === "string" || isWireSpecial(v) ? v : jsonInput(v);
    }
    return out;
}

/**
 * The inputs @pulumi/aws-native 1.x sends for its provider (its `provider.js`): object, list and boolean
 * inputs as JSON text, `skipCredentialsValidation`, `skipGetEc2Platforms`, `skipMetadataApiCheck` and
 * `skipRegionValidation` defaulting to true, `region` required.
 */
export function awsNativeProviderInputs(inputs: Record<string, unknown> = {}): Record<string, unknown> {
    const out: Record<string, unknown> = {
        version: "1.79.0",
        region: "ap-southeast-2",
        skipCredentialsValidation: "true",
        skipGetEc2Platforms: "true",
        skipMetadataApiCheck: "true",
        skipRegionValidation: "true",
    };
    for (const [k, v] of Object.entries(inputs)) {
        out[k] = typeof v === "string" || isWireSpecial(v) ? v : jsonInput(v);
    }
    return out;
}

/** Secrets and unknowns stay as the engine's wire values rather than being JSON-encoded. */
function isWireSpecial(v: unknown): boolean {
    return typeof v === "object" && v !== null && SIGNATURE_KEY in v;
}

/** The engine's default provider: `default_<major>_<minor>_<patch>`, props from `aws:*` stack config. */
export function defaultAwsProvider(version = "7.48.0", config: Record<string, string> = {}, ctx: UrnContext = DEFAULT_CONTEXT): EngineProvider {
    const name = `default_${version.replace(/[.+-]/g, "_")}`;
    return {
        type: "pulumi:providers:aws",
        urn: urn("pulumi:providers:aws", name, [], ctx),
        name,
        properties: { version, ...config },
    };
}

export function explicitProvider(
    name: string,
    properties: Record<string, unknown>,
    options: { pkg?: string; parentTypes?: string[]; ctx?: UrnContext } = {},
): EngineProvider {
    const type = `pulumi:providers:${options.pkg ?? "aws"}`;
    return { type, urn: urn(type, name, options.parentTypes, options.ctx), name, properties };
}

/** A provider as a resource of its own (what Analyze sees when the provider itself is registered). */
export function providerAsResource(provider: EngineProvider, parent?: string): EngineResource {
    return { type: provider.type, urn: provider.urn, name: provider.name, properties: provider.properties, parent };
}

export function resource(
    type: string,
    name: string,
    options: { provider?: EngineProvider; parentTypes?: string[]; parent?: string; properties?: Record<string, unknown>; ctx?: UrnContext } = {},
): EngineResource {
    return {
        type,
        urn: urn(type, name, options.parentTypes, options.ctx),
        name,
        properties: options.properties ?? {},
        parent: options.parent,
        provider: options.provider,
    };
}
