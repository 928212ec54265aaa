import * as fs from "node:fs";
import * as path from "node:path";
import type { ValidateFunction } from "ajv";
import { lilconfigSync, LilconfigResult } from "lilconfig";
import { DEFAULT_PACKAGES, LintSettings } from "./linter";
import { ConfigError } from "./errors";
import { RULES_BY_ID } from "./rules";

/**
 * `guardrail.config.json`, or a `guardrail` key in package.json, found from the working directory
 * upwards (or named with --config). Unknown keys and bad values are errors: a typo must never turn a
 * guardrail off silently.
 */
export interface GuardrailConfigFile {
    rules?: Record<string, "error" | "warning" | "off">;
    include?: string[];
    exclude?: string[];
    packages?: string[];
    allowDefaultProviderInvokes?: string[];
    preview?: { policyPack?: string; policyPackConfig?: string };
}

export interface ResolvedConfig {
    settings: LintSettings;
    include: string[];
    exclude: string[];
    /** Globs are relative to this folder: where a found config lives, else (and with --config) the working directory. */
    baseDir: string;
    /** Where it came from, for messages; undefined when no config was found. */
    source?: string;
    /** For preview/check: the policy pack folder and its `--policy-pack-config` file (absolute). */
    policyPack?: string;
    policyPackConfig?: string;
}


const CONFIG_FILE = "guardrail.config.json";
const DEFAULT_INCLUDE = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

const schema = {
    type: "object",
    additionalProperties: false,
    properties: {
        rules: {
            type: "object",
            propertyNames: { enum: [...RULES_BY_ID.keys()] },
            // A rule that reports why a file could not be checked at all stays an error: turning it
            // off or down would let an unchecked file pass.
            properties: Object.fromEntries([...RULES_BY_ID.values()].filter((r) => r.alwaysOn).map((r) => [r.id, { const: "error" }])),
            additionalProperties: { enum: ["error", "warning", "off"] },
        },
        include: { type: "array", items: { type: "string", minLength: 1 } },
        exclude: { type: "array", items: { type: "string", minLength: 1 } },
        packages: { type: "array", items: { type: "string", pattern: "^[a-z0-9][a-z0-9-]*$" } },
        allowDefaultProviderInvokes: { type: "array", items: { type: "string", pattern: "^[a-z0-9-]+:[A-Za-z0-9/_-]+:[A-Za-z0-9_]+$" } },
        preview: {
            type: "object",
            additionalProperties: false,
            properties: { policyPack: { type: "string", minLength: 1 }, policyPackConfig: { type: "string", minLength: 1 } },
        },
    },
};

let compiled: ValidateFunction<GuardrailConfigFile> | undefined;

/** Compiled on first use: most runs have no config file, and ajv costs start-up time. */
function validator(): ValidateFunction<GuardrailConfigFile> {
    if (!compiled) {
        const Ajv = (require("ajv") as typeof import("ajv")).default;
        compiled = new Ajv({ allErrors: true }).compile<GuardrailConfigFile>(schema);
    }
    return compiled;
}

function describeErrors(source: string, validate: ValidateFunction<GuardrailConfigFile>): string {
    const problems = (validate.errors ?? []).map((e) => {
        const where = e.instancePath.slice(1).replace(/\//g, ".") || "(top level)";
        if (e.keyword === "additionalProperties") {
            // The keys allowed where the unknown one is, not the top level's.
            const at = e.instancePath === "/preview" ? schema.properties.preview.properties : schema.properties;
            return `${where}: unknown key "${String(e.params.additionalProperty)}" (allowed: ${Object.keys(at).join(", ")})`;
        }
        if (e.keyword === "propertyNames") {
            return `${where}: unknown rule "${String(e.params.propertyName)}" (known: ${[...RULES_BY_ID.keys()].join(", ")})`;
        }
        if (e.keyword === "const" && where.startsWith("rules.")) {
            return `${where}: cannot be turned off or downgraded (a file that does not parse is not checked at all)`;
        }
        if (e.keyword === "enum" && where.startsWith("rules.")) {
            return `${where}: must be "error", "warning" or "off"`;
        }
        if (e.keyword === "pattern" && where.startsWith("allowDefaultProviderInvokes")) {
            return `${where}: must be an invoke token such as aws:index/getPartition:getPartition`;
        }
        if (e.keyword === "pattern" && where.startsWith("packages")) {
            return `${where}: must be a Pulumi package name without @pulumi/, such as aws-native`;
        }
        return `${where}: ${e.message ?? "is invalid"}`;
    });
    return `invalid guardrail configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
}

function readJson(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new ConfigError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    return parseJson(file, text);
}

export function resolveConfig(raw: unknown, source: string | undefined, baseDir: string): ResolvedConfig {
    const value: GuardrailConfigFile = raw === undefined ? {} : (raw as GuardrailConfigFile);
    if (raw !== undefined) {
        const validate = validator();
        if (!validate(raw)) {
            throw new ConfigError(describeErrors(source ?? "configuration", validate));
        }
    }
    const packages = [...new Set([...DEFAULT_PACKAGES, ...(value.packages ?? [])])];
    return {
        settings: { rules: value.rules ?? {}, packages, allowDefaultProviderInvokes: value.allowDefaultProviderInvokes ?? [] },
        include: value.include ?? DEFAULT_INCLUDE,
        exclude: value.exclude ?? [],
        baseDir,
        source,
        policyPack: value.preview?.policyPack && path.resolve(baseDir, value.preview.policyPack),
        policyPackConfig: value.preview?.policyPackConfig && path.resolve(baseDir, value.preview.policyPackConfig),
    };
}

function parseJson(file: string, text: string): unknown {
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new ConfigError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
}

/**
 * Discovery as other JavaScript tools do it (lilconfig): the nearest folder, from `start` up to the
 * filesystem root (not lilconfig's default, the home folder: a repository may live outside it),
 * holding `guardrail.config.json` or a package.json with a "guardrail" key.
 */
function discover(start: string): LilconfigResult {
    const explorer = lilconfigSync("guardrail", {
        searchPlaces: [CONFIG_FILE, "package.json"],
        packageProp: "guardrail",
        // Our own JSON loader: a malformed file is named with the parser's reason.
        loaders: { ".json": parseJson },
        stopDir: path.parse(start).root,
        cache: false,
    });
    try {
        return explorer.search(start);
    } catch (e) {
        if (e instanceof ConfigError) {
            throw e;
        }
        const err = e as NodeJS.ErrnoException;
        throw new ConfigError(`cannot read the configuration${err.path ? ` ${err.path}` : ""}: ${err.code ?? err.message}`);
    }
}

/** Finds and validates the configuration for a run started in `cwd`. */
export function loadConfig(cwd: string, explicit?: string): ResolvedConfig {
    if (explicit) {
        const file = path.resolve(cwd, explicit);
        // An explicitly named file (often kept under ci/) leaves globs relative to where guardrail runs.
        return resolveConfig(readJson(file), path.relative(cwd, file) || file, path.resolve(cwd));
    }
    const start = path.resolve(cwd);
    const found = discover(start);
    if (!found) {
        return resolveConfig(undefined, undefined, start);
    }
    const shown = path.relative(cwd, found.filepath) || found.filepath;
    const source = path.basename(found.filepath) === "package.json" ? `${shown} ("guardrail" key)` : shown;
    return resolveConfig(found.config, source, path.dirname(found.filepath));
}
