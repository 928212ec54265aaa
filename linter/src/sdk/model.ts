/**
 * What the linter learns about a Pulumi package from its installed declarations: which exports
 * are custom resources, components or providers, which functions are invokes or create resources,
 * and which parameter of each holds the resource or invoke options.
 */

export type ResourceKind = "custom" | "component" | "provider";

/** A method a package adds to its resources (`bucket.onObjectCreated(...)`) that creates resources. */
export interface MixinInfo {
    /** Index of the options parameter. */
    options: number;
    creates: ResourceKind;
}

export interface ClassInfo {
    kind: "class";
    /** The Pulumi package (`aws`, `aws-native`, `awsx`) or, for a library, its npm name. */
    pkg: string;
    name: string;
    /** undefined: a class that is not a resource (helpers, args types). */
    resource?: ResourceKind;
    /** Index of the constructor's options parameter. */
    ctorOptions?: number;
    /** Index of the options parameter of the static `get(name, id, state?, opts?)`. */
    getOptions?: number;
    /** Methods that create resources, parented to the instance they are called on. */
    mixins: Record<string, MixinInfo>;
}

export interface FunctionInfo {
    kind: "function";
    pkg: string;
    name: string;
    /** A data-source call: the index of its `InvokeOptions` parameter and its token. */
    invoke?: { options: number; token?: string };
    /** A function that creates resources (`aws.cloudwatch.onSchedule`): its options parameter. */
    creates?: { kind: ResourceKind; options: number };
}

export interface NamespaceInfo {
    kind: "namespace";
    pkg: string;
    /** Absolute path of the module's declaration file. */
    file: string;
}

/** Anything else a package exports (config values, enums, types). */
export interface OtherInfo {
    kind: "other";
    pkg: string;
}

export type SdkEntity = ClassInfo | FunctionInfo | NamespaceInfo | OtherInfo;

/** The Pulumi core SDK's names that decide kinds and options. */
export const CORE_PACKAGE = "@pulumi/pulumi";
export const CORE_BASES: Record<string, ResourceKind> = {
    CustomResource: "custom",
    ComponentResource: "component",
    ProviderResource: "provider",
};
export const RESOURCE_OPTION_TYPES = new Set(["CustomResourceOptions", "ComponentResourceOptions", "ResourceOptions"]);
export const INVOKE_OPTION_TYPES = new Set(["InvokeOptions", "InvokeOutputOptions"]);
