import { GuardrailError } from "../errors";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import type { NodeRuntimeOptions } from "./program-run";
import { ProjectConfigType, validateProjectConfig } from "./project-config";

/** A Pulumi project folder: Pulumi.yaml, its stacks and their config, read the way the CLI reads them. */
export interface PulumiProject {
    dir: string;
    name: string;
    runtime: string;
    runtimeOptions: NodeRuntimeOptions;
    /** Pulumi.yaml `main` (relative to dir), "." when it has none: the language host resolves the entry. */
    main: string;
    /** Where the Pulumi.<stack>.yaml files live (`stackConfigDir`). */
    stackConfigDir: string;
    /** Project-level `config:` declarations, shorthand rewritten as the CLI does. */
    config: Record<string, ProjectConfigType>;
    stacks: string[];
}

export class ProjectError extends GuardrailError {
    constructor(message: string) {
        super(message);
        this.name = "ProjectError";
    }
}

export function readYaml(file: string): unknown {
    try {
        return parseYaml(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new ProjectError(`cannot read ${file}: ${(e as Error).message}`);
    }
}

/**
 * The language host finds the program's entry through package.json (`main`, `exports`) and Node
 * reads it for every module of the program; a malformed one surfaces deep inside module
 * resolution as a message without the file's name, so it is checked here first.
 */
function checkPackageJson(dir: string): void {
    const file = path.join(dir, "package.json");
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") {
            return;
        }
        throw new ProjectError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    try {
        JSON.parse(text);
    } catch (e) {
        throw new ProjectError(`${file} is not valid JSON: ${(e as Error).message}`);
    }
}

/** The names the Pulumi CLI reads a project from. */
export const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

function projectFile(dir: string): string | undefined {
    return PROJECT_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

interface ProjectDoc {
    name?: unknown;
    runtime?: unknown;
    main?: unknown;
    config?: unknown;
    stackConfigDir?: unknown;
}

function runtimeOf(doc: ProjectDoc): { name?: string; options: NodeRuntimeOptions } {
    if (typeof doc.runtime === "string") {
        return { name: doc.runtime, options: {} };
    }
    const rt = (doc.runtime ?? {}) as { name?: unknown; options?: Record<string, unknown> };
    const o = rt.options ?? {};
    const options: NodeRuntimeOptions = {};
    if (o.typescript !== undefined) {
        options.typescript = o.typescript === true || o.typescript === "true";
    }
    if (typeof o.nodeargs === "string") {
        options.nodeargs = o.nodeargs;
    }
    if (typeof o.tsconfigpath === "string") {
        options.tsconfigpath = o.tsconfigpath;
    }
    return { name: typeof rt.name === "string" ? rt.name : undefined, options };
}

export function readProject(dir: string): PulumiProject {
    const file = projectFile(dir);
    if (!file) {
        throw new ProjectError(`${dir} is not a Pulumi project (no Pulumi.yaml)`);
    }
    const doc = readYaml(file) as ProjectDoc | null;
    if (!doc || typeof doc.name !== "string" || doc.name === "") {
        throw new ProjectError(`${file}: project is missing a 'name' attribute`);
    }
    const runtime = runtimeOf(doc);
    if (runtime.name !== "nodejs") {
        throw new ProjectError(`${file}: only nodejs programs can be previewed offline (runtime: ${String(runtime.name)})`);
    }
    // A string `config:` is the old spelling of stackConfigDir.
    if (typeof doc.config === "string" && doc.stackConfigDir !== undefined) {
        throw new ProjectError(`${file}: Should not use both config and stackConfigDir to define the stack directory. Use only stackConfigDir instead.`);
    }
    const configDir = typeof doc.config === "string" ? doc.config : typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : "";
    let config: Record<string, ProjectConfigType>;
    try {
        config = validateProjectConfig(doc.name, typeof doc.config === "string" ? undefined : doc.config);
    } catch (e) {
        throw new ProjectError(`${file}: ${(e as Error).message}`);
    }
    const main = typeof doc.main === "string" && doc.main !== "" ? doc.main : ".";
    // The project's own package.json, and the one beside a `main` in a subfolder.
    for (const d of new Set([dir, path.resolve(dir, main), path.dirname(path.resolve(dir, main))])) {
        if (d.startsWith(path.resolve(dir)) && fs.statSync(d, { throwIfNoEntry: false })?.isDirectory()) {
            checkPackageJson(d);
        }
    }
    const stackConfigDir = path.resolve(dir, configDir);
    const stacks = (fs.existsSync(stackConfigDir) ? fs.readdirSync(stackConfigDir) : [])
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => !!s)
        .sort();
    return { dir, name: doc.name, runtime: runtime.name, runtimeOptions: runtime.options, main, stackConfigDir, config, stacks };
}

export type { StackConfig } from "./stack-config";
export { readStackConfig } from "./stack-config";
