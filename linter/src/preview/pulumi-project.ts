import { GuardrailError } from "../errors";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";

/** A Pulumi project folder: Pulumi.yaml, its stacks and their config, read the way the CLI reads them. */
export interface PulumiProject {
    dir: string;
    name: string;
    runtime: string;
    /** Entry file relative to dir. */
    main: string;
    stacks: string[];
}

export class ProjectError extends GuardrailError {
    constructor(message: string) {
        super(message);
        this.name = "ProjectError";
    }
}

function readYaml(file: string): unknown {
    try {
        return parseYaml(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new ProjectError(`cannot read ${file}: ${(e as Error).message}`);
    }
}

function projectFile(dir: string): string | undefined {
    return ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

export function isPulumiProject(dir: string): boolean {
    return projectFile(dir) !== undefined;
}

export function readProject(dir: string): PulumiProject {
    const file = projectFile(dir);
    if (!file) {
        throw new ProjectError(`${dir} is not a Pulumi project (no Pulumi.yaml)`);
    }
    const doc = readYaml(file) as { name?: unknown; runtime?: unknown; main?: unknown } | null;
    if (!doc || typeof doc.name !== "string") {
        throw new ProjectError(`${file} has no project name`);
    }
    const runtime = typeof doc.runtime === "string" ? doc.runtime : (doc.runtime as { name?: string } | undefined)?.name;
    if (runtime !== "nodejs") {
        throw new ProjectError(`${file}: only nodejs programs can be previewed offline (runtime: ${String(runtime)})`);
    }
    let main = typeof doc.main === "string" ? doc.main : undefined;
    if (!main) {
        const pkgFile = path.join(dir, "package.json");
        const pkg = fs.existsSync(pkgFile) ? (JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { main?: string }) : {};
        main = pkg.main ?? (fs.existsSync(path.join(dir, "index.ts")) ? "index.ts" : "index.js");
    }
    const stacks = fs
        .readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => !!s)
        .sort();
    return { dir, name: doc.name, runtime, main, stacks };
}

export interface StackConfig {
    config: Record<string, string>;
    secretKeys: string[];
}

/** A stack's config as the engine hands it to the program: `namespace:key` -> string (objects as JSON). */
export function readStackConfig(project: PulumiProject, stack: string): StackConfig {
    const file = ["yaml", "yml"].map((e) => path.join(project.dir, `Pulumi.${stack}.${e}`)).find((f) => fs.existsSync(f));
    if (!file) {
        throw new ProjectError(`stack "${stack}" has no config file in ${project.dir} (stacks: ${project.stacks.join(", ") || "none"})`);
    }
    const doc = (readYaml(file) ?? {}) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries(doc.config ?? {})) {
        const key = rawKey.includes(":") ? rawKey : `${project.name}:${rawKey}`;
        if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
            // Secrets need the stack's secrets provider (KMS) to decrypt: not available offline.
            throw new ProjectError(`${file}: ${key} is an encrypted secret, which cannot be decrypted offline; give the preview a plain test value with --config`);
        }
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { config, secretKeys };
}
