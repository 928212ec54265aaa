import * as fs from "node:fs";
import * as path from "node:path";
import { UNKNOWN } from "../engine/encoding";
import { configText, namespacedByProject, typeName, validateConfigValue } from "./project-config";
import { ProjectError, PulumiProject, readYaml } from "./pulumi-project";

export interface StackConfig {
    /** `namespace:key` -> string (objects as JSON), as the engine hands config to the program. */
    config: Record<string, string>;
    secretKeys: string[];
    /** Encrypted keys that got a placeholder (the unknown value) because they cannot be decrypted offline. */
    placeholders: string[];
}

function isSecure(v: unknown): v is { secure: string } {
    return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { secure?: unknown }).secure === "string";
}

/** The value with every `secure:` leaf replaced by the placeholder, and whether there was one. */
function withPlaceholders(v: unknown): { value: unknown; secure: boolean } {
    if (isSecure(v)) {
        return { value: UNKNOWN, secure: true };
    }
    if (Array.isArray(v)) {
        const items = v.map(withPlaceholders);
        return { value: items.map((i) => i.value), secure: items.some((i) => i.secure) };
    }
    if (v !== null && typeof v === "object") {
        const entries = Object.entries(v).map(([k, x]) => [k, withPlaceholders(x)] as const);
        return { value: Object.fromEntries(entries.map(([k, x]) => [k, x.value])), secure: entries.some(([, x]) => x.secure) };
    }
    return { value: v, secure: false };
}

function fullKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function missingKeys(keys: string[]): string {
    const sorted = [...keys].sort();
    if (sorted.length === 1) {
        return `'${sorted[0]}'`;
    }
    return `${sorted.slice(0, -1).map((k) => `'${k}'`).join(", ")} and '${sorted[sorted.length - 1]}'`;
}

/**
 * A stack's config as the CLI hands it to the program: the stack file's values, `overrides` (the
 * `--stack-config` test values) on top, then the project's `config:` values and defaults for keys
 * the stack does not set, with the CLI's checks (required project keys, declared types, `secret`).
 * Encrypted values cannot be decrypted offline: each gets the unknown value as a placeholder and
 * stays a secret key, so whatever the program builds from it reaches the pack as a secret unknown.
 */
export function readStackConfig(project: PulumiProject, stack: string, overrides: Record<string, string> = {}): StackConfig {
    const dir = project.stackConfigDir ?? project.dir;
    const file = ["yaml", "yml"].map((e) => path.join(dir, `Pulumi.${stack}.${e}`)).find((f) => fs.existsSync(f));
    if (!file) {
        throw new ProjectError(`stack "${stack}" has no config file in ${dir} (stacks: ${project.stacks.join(", ") || "none"})`);
    }
    const doc = (readYaml(file) ?? {}) as { config?: Record<string, unknown> | null };
    const config: Record<string, string> = {};
    /** What the CLI validates a stack value as: its text, or the parsed object. */
    const content: Record<string, unknown> = {};
    const secure = new Set<string>();
    const placeholders = new Set<string>();
    for (const [rawKey, raw] of Object.entries(doc.config ?? {})) {
        const key = fullKey(project.name, rawKey);
        const { value, secure: hasSecret } = withPlaceholders(raw);
        config[key] = configText(value);
        content[key] = typeof value === "object" && value !== null ? value : config[key];
        if (hasSecret) {
            secure.add(key);
            placeholders.add(key);
        }
    }
    for (const [rawKey, value] of Object.entries(overrides)) {
        const key = fullKey(project.name, rawKey);
        config[key] = value;
        content[key] = value;
        placeholders.delete(key);
    }

    const missing: string[] = [];
    for (const projectKey of Object.keys(project.config ?? {}).sort()) {
        const decl = project.config[projectKey];
        const key = fullKey(project.name, projectKey);
        if (!(key in config)) {
            if (decl.value == null && decl.default == null) {
                if (namespacedByProject(project.name, key)) {
                    missing.push(projectKey);
                }
                continue;
            }
            config[key] = configText(decl.default ?? decl.value);
            continue;
        }
        if (decl.type === undefined) {
            continue;
        }
        if (decl.secret && !secure.has(key)) {
            throw new ProjectError(`${file}: Stack '${stack}' with configuration key '${projectKey}' must be encrypted as it's secret`);
        }
        // A placeholder has no value to check; a test value from --stack-config is checked like the real one.
        if (!placeholders.has(key) && !validateConfigValue(decl.type, decl.items, content[key])) {
            throw new ProjectError(`${file}: Stack '${stack}' with configuration key '${projectKey}' must be of type '${typeName(decl.type, decl.items)}'`);
        }
    }
    if (missing.length > 0) {
        throw new ProjectError(`${file}: Stack '${stack}' is missing configuration ${missing.length > 1 ? "values" : "value"} ${missingKeys(missing)}`);
    }
    return { config, secretKeys: [...secure].sort(), placeholders: [...placeholders].sort() };
}
