/**
 * Writes policy/lib/component-types.ts: every component type that the installed @pulumi/aws and
 * @pulumi/awsx register under a package namespace (`aws:s3:BucketEventSubscription`,
 * `awsx:ec2:Vpc`, ...). The engine sends no provider for a component, so the pack must know them to
 * tell "a component" from "a custom resource that lost its provider".
 *
 *   npm run component-types            # rewrite the file
 *
 * The SDKs themselves decide: their exported classes are loaded and asked whether they extend
 * `pulumi.ComponentResource`; a component's type is its static `__pulumiType` or the string its
 * constructor passes to `super(...)`. A text scan of the packages then checks that no registration
 * escaped the walk (a class that is not exported, say); the script fails rather than guess.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";

export const SDK_PACKAGES = ["@pulumi/aws", "@pulumi/awsx"] as const;
export const OUTPUT = path.resolve(__dirname, "../lib/component-types.ts");
const REPO_ROOT = path.resolve(__dirname, "../..");

export interface SdkTypes {
    versions: Record<string, string>;
    /** Component types, sorted. */
    components: string[];
    /** Custom resource types (providers excluded), sorted. */
    customResources: string[];
}

/** An SDK class, only inspected (its prototype chain, its static type, its source), never constructed. */
type AnyClass = (abstract new (...args: never[]) => object) & { __pulumiType?: unknown };

const SUPER_LITERAL = /^super\(\s*(["'])([^"'\\]+)\1/;
const TYPE_TOKEN = /^[a-z][a-z0-9-]*:[^"']+$/;

/** The type a component class registers with: its own `__pulumiType`, else its constructor's `super("...")`. */
function componentType(cls: AnyClass): string | undefined {
    if (Object.prototype.hasOwnProperty.call(cls, "__pulumiType") && typeof cls.__pulumiType === "string") {
        return cls.__pulumiType;
    }
    const src = Function.prototype.toString.call(cls);
    const ctor = /\bconstructor\s*\(/.exec(src);
    if (!ctor) {
        return undefined; // no constructor of its own: it passes on whatever type its callers give
    }
    const at = src.indexOf("super(", ctor.index);
    const m = at < 0 ? null : SUPER_LITERAL.exec(src.slice(at));
    return m && TYPE_TOKEN.test(m[2]) ? m[2] : undefined; // a parameter: a base class for others
}

function walkExports(root: unknown, visit: (cls: AnyClass) => void): void {
    const seen = new Set<unknown>();
    const walk = (obj: unknown, depth: number) => {
        if (obj === null || typeof obj !== "object" || seen.has(obj) || depth > 5) {
            return;
        }
        seen.add(obj);
        for (const key of Object.keys(obj)) {
            let value: unknown;
            try {
                value = (obj as Record<string, unknown>)[key]; // lazy-loading getters require the module here
            } catch {
                continue;
            }
            if (typeof value === "function" && typeof value.prototype === "object" && value.prototype !== null) {
                visit(value as AnyClass);
            } else {
                walk(value, depth + 1);
            }
        }
    };
    walk(root, 0);
}

function jsFiles(dir: string, out: string[] = []): string[] {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules" && entry.name !== "types") {
                jsFiles(full, out);
            }
        } else if (entry.name.endsWith(".js")) {
            out.push(full);
        }
    }
    return out;
}

/** Loads the installed SDKs and lists the types their classes register. */
export function enumerateSdkTypes(): SdkTypes {
    const fromRoot = createRequire(path.join(REPO_ROOT, "package.json"));
    const components = new Set<string>();
    const customs = new Set<string>();
    const versions: Record<string, string> = {};
    const literalsInSources = new Map<string, string>();
    for (const pkg of SDK_PACKAGES) {
        const pkgJson = fromRoot.resolve(`${pkg}/package.json`);
        versions[pkg] = (JSON.parse(fs.readFileSync(pkgJson, "utf8")) as { version: string }).version;
        const fromPkg = createRequire(pkgJson);
        const pulumi = fromPkg("@pulumi/pulumi") as { ComponentResource: AnyClass; CustomResource: AnyClass; ProviderResource: AnyClass };
        walkExports(fromPkg(pkg), (cls) => {
            if (cls.prototype instanceof pulumi.ComponentResource) {
                const type = componentType(cls);
                if (type) {
                    components.add(type);
                }
            } else if (cls.prototype instanceof pulumi.CustomResource && !(cls.prototype instanceof pulumi.ProviderResource)) {
                if (typeof cls.__pulumiType === "string") {
                    customs.add(cls.__pulumiType);
                }
            }
        });
        for (const file of jsFiles(path.dirname(pkgJson))) {
            const text = fs.readFileSync(file, "utf8");
            for (const m of text.matchAll(/\bsuper\(\s*(["'])([a-z][a-z0-9-]*:[^"'\\]+)\1/g)) {
                literalsInSources.set(m[2], path.relative(REPO_ROOT, file));
            }
        }
    }
    const missed = [...literalsInSources].filter(([type]) => !components.has(type) && !customs.has(type));
    if (missed.length > 0) {
        throw new Error(`registrations the export walk did not classify: ${missed.map(([t, f]) => `${t} (${f})`).join(", ")}`);
    }
    return { versions, components: [...components].sort(), customResources: [...customs].sort() };
}

/** The generated module's text. */
export function renderComponentTypes(types: SdkTypes): string {
    const from = Object.entries(types.versions)
        .map(([pkg, v]) => `${pkg} ${v}`)
        .join(", ");
    return [
        "// Generated by `npm run component-types` (policy/scripts/generate-component-types.ts); do not edit.",
        `// Every component type the classes of ${from} register. The engine sends no provider for a`,
        "// component, so these are out of scope; any other type of a checked package without a provider is denied.",
        "export const SDK_COMPONENT_TYPES: readonly string[] = [",
        ...types.components.map((t) => `    ${JSON.stringify(t)},`),
        "];",
        "",
    ].join("\n");
}

if (require.main === module) {
    const types = enumerateSdkTypes();
    fs.writeFileSync(OUTPUT, renderComponentTypes(types));
    process.stdout.write(`${path.relative(process.cwd(), OUTPUT)}: ${types.components.length} component types (${types.customResources.length} custom resource types checked)\n`);
}
