import type { EngineProvider, EngineResource } from "../engine/analyzer-session";
import type { ProgramRun, RecordedInvoke, RecordedResource } from "./program-run";

/**
 * Turns what the SDK sent into what the engine hands a policy pack: provider references resolved
 * to the provider resources' inputs, and the default providers the engine would create for
 * resources that name none (`default_<version>`, props from the stack's `<package>:*` config).
 */
export interface EngineView {
    resources: EngineResource[];
    /** Invokes that would run on a default provider: they never reach a policy pack. */
    defaultProviderInvokes: RecordedInvoke[];
    /** Resources or invokes the engine itself would refuse (`pulumi:disable-default-providers`). */
    refusedByEngine: { type: string; name: string; pkg: string }[];
}

export interface StackContext {
    stack: string;
    project: string;
    config: Record<string, string>;
}

function packageOf(typeOrToken: string): string {
    return typeOrToken.split(":")[0];
}

/** The engine's name for a default provider: `default_7_48_0`, or `default` when the version is unknown. */
function defaultProviderName(version: string | undefined): string {
    return version ? `default_${version.replace(/[^A-Za-z0-9]/g, "_")}` : "default";
}

function disabledDefaults(config: Record<string, string>): string[] {
    const raw = config["pulumi:disable-default-providers"];
    if (!raw) {
        return [];
    }
    try {
        const list = JSON.parse(raw) as unknown;
        return Array.isArray(list) ? list.map(String) : [];
    } catch {
        return raw.split(",").map((s) => s.trim());
    }
}

export function toEngineView(run: ProgramRun, ctx: StackContext): EngineView {
    const providersByRef = new Map<string, EngineProvider>();
    const providerResources = run.resources.filter((r) => r.type.startsWith("pulumi:providers:"));
    for (const p of providerResources) {
        providersByRef.set(p.urn, { type: p.type, urn: p.urn, name: p.name, properties: p.inputs });
    }
    const defaults = new Map<string, EngineProvider>();
    const disabled = disabledDefaults(ctx.config);
    const refusedByEngine: EngineView["refusedByEngine"] = [];

    const defaultProvider = (pkg: string, version: string | undefined): EngineProvider => {
        const name = defaultProviderName(version);
        const key = `${pkg}/${name}`;
        let provider = defaults.get(key);
        if (!provider) {
            const props: Record<string, unknown> = { version: version ?? "" };
            for (const [k, v] of Object.entries(ctx.config)) {
                if (k.startsWith(`${pkg}:`)) {
                    props[k.slice(pkg.length + 1)] = v;
                }
            }
            const type = `pulumi:providers:${pkg}`;
            provider = { type, urn: `urn:pulumi:${ctx.stack}::${ctx.project}::${type}::${name}`, name, properties: props };
            defaults.set(key, provider);
        }
        return provider;
    };
    const resolve = (ref: string | undefined): EngineProvider | undefined => {
        if (!ref) {
            return undefined;
        }
        // A reference is `<urn>::<id>`.
        return providersByRef.get(ref.slice(0, ref.lastIndexOf("::")));
    };

    const resources = run.resources.map((r: RecordedResource): EngineResource => {
        const base: EngineResource = { type: r.type, urn: r.urn, name: r.name, properties: r.inputs, parent: r.parent };
        if (!r.custom || r.type.startsWith("pulumi:providers:")) {
            return base;
        }
        const explicit = resolve(r.provider);
        if (explicit) {
            return { ...base, provider: explicit };
        }
        const pkg = packageOf(r.type);
        if (disabled.includes(pkg) || disabled.includes("*")) {
            refusedByEngine.push({ type: r.type, name: r.name, pkg });
        }
        return { ...base, provider: defaultProvider(pkg, r.packageVersion) };
    });
    const defaultProviderInvokes = run.invokes.filter((i) => !resolve(i.provider));
    for (const i of defaultProviderInvokes) {
        const pkg = packageOf(i.token);
        if (disabled.includes(pkg) || disabled.includes("*")) {
            refusedByEngine.push({ type: i.token, name: "(invoke)", pkg });
        }
    }
    return { resources: [...resources, ...[...defaults.values()].map((p) => ({ type: p.type, urn: p.urn, name: p.name, properties: p.properties }))], defaultProviderInvokes, refusedByEngine };
}
