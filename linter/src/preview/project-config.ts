/**
 * Project-level `config:` in Pulumi.yaml, as the CLI reads and checks it (pulumi/pulumi
 * `sdk/go/common/workspace/project.go`: RewriteShorthandConfigValues, Validate, ValidateConfigValue).
 */

export interface ProjectConfigItemsType {
    type: string;
    items?: ProjectConfigItemsType;
}

export interface ProjectConfigType {
    type?: string;
    description?: string;
    items?: ProjectConfigItemsType;
    default?: unknown;
    value?: unknown;
    secret?: boolean;
}

const DECLARATION_KEYS = new Set(["type", "description", "items", "default", "value", "secret"]);

function isPrimitive(v: unknown): boolean {
    return typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isInteger(v));
}

export function namespacedByProject(project: string, key: string): boolean {
    return !key.includes(":") || key.startsWith(`${project}:`);
}

/** `array<string>` for an array of strings, as the CLI names types in its messages. */
export function typeName(type: string, items?: ProjectConfigItemsType): string {
    return items ? `array<${typeName(items.type, items.items)}>` : type;
}

/** Does `value` (a default, or a stack value: a string, or parsed JSON for objects) have the declared type? */
export function validateConfigValue(type: string, items: ProjectConfigItemsType | undefined, value: unknown): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "integer":
            return (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^[+-]?\d+$/.test(value));
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "object":
            return typeof value === "object" && value !== null && !Array.isArray(value);
        default:
            return Array.isArray(value) && items !== undefined && value.every((v) => validateConfigValue(items.type, items.items, v));
    }
}

/**
 * The `config:` block with shorthand rewritten (a plain value of a project key is its default, of
 * another namespace's key its value) and checked as the CLI checks it when it loads the project.
 */
export function validateProjectConfig(project: string, raw: unknown): Record<string, ProjectConfigType> {
    if (raw === undefined || raw === null) {
        return {};
    }
    if (typeof raw !== "object" || Array.isArray(raw)) {
        throw new Error("config must be a map of configuration keys");
    }
    const out: Record<string, ProjectConfigType> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        let decl: ProjectConfigType;
        if (isPrimitive(value) || Array.isArray(value)) {
            decl = namespacedByProject(project, key) ? { default: value } : { value };
        } else if (typeof value === "object" && value !== null) {
            const unknown = Object.keys(value).filter((k) => !DECLARATION_KEYS.has(k));
            if (unknown.length > 0) {
                throw new Error(`config.${key}: '${unknown[0]}' not allowed (a declaration has type, description, items, default, value, secret; give an object as 'value')`);
            }
            decl = value as ProjectConfigType;
        } else {
            throw new Error(`config.${key}: a value or a declaration is required`);
        }
        if (decl.default != null && decl.value != null) {
            throw new Error(`project config '${key}' cannot have both a 'default' and 'value' attribute`);
        }
        if (namespacedByProject(project, key)) {
            if (decl.type === "array" && !decl.items) {
                throw new Error(`The configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`);
            }
            if (decl.type !== undefined && decl.default != null && !validateConfigValue(decl.type, decl.items, decl.default)) {
                throw new Error(`The default value specified for configuration key '${key}' is not of the expected type '${typeName(decl.type, decl.items)}'`);
            }
        } else if (decl.type !== undefined) {
            throw new Error(`Configuration key '${key}' is not namespaced by the project and should not define a type`);
        } else if (decl.default != null) {
            throw new Error(`Configuration key '${key}' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?`);
        } else if (decl.value == null) {
            throw new Error(`Configuration key '${key}' is namespaced and must provide an attribute 'value'`);
        }
        out[key] = decl;
    }
    return out;
}

/**
 * JSON as Go's encoding/json writes it, which is how the CLI hands object config to a program:
 * map keys sorted, `<`, `>`, `&` and U+2028/U+2029 escaped.
 */
function goJson(value: unknown): string {
    const sorted = (v: unknown): unknown => {
        if (Array.isArray(v)) {
            return v.map(sorted);
        }
        if (v !== null && typeof v === "object") {
            return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
        }
        return v;
    };
    return JSON.stringify(sorted(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A config value as the program receives it: primitives as text, everything else as JSON. */
export function configText(value: unknown): string {
    if (typeof value === "string") {
        return value;
    }
    if (isPrimitive(value)) {
        return String(value);
    }
    if (value === null || value === undefined) {
        return "";
    }
    return goJson(value);
}
