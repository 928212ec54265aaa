import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { ProgramRun, RecordedResource, runProgramUnderMocks } from "../../linter/src/preview/program-run";
import { readProject, readStackConfig } from "../../linter/src/preview/pulumi-project";
import { withEnvironmentVariable } from "../harness/environment";
import { sharedRun } from "./shared-runs";

export const REPO = path.resolve(__dirname, "../..");

/**
 * Runs a bundled program's stack under mocks with its real stack config (plus overrides), reading
 * the bundled organisation map or `orgMap` (through GUARDRAILS_ORG_MAP, as users point elsewhere).
 *
 * A run is determined by its program, stack, config and map: the same run asked for again in a
 * worker (many test files inspect the management stack with its bundled config) is answered from the
 * first, each caller getting its own copy, and the other worker gets it too (shared-runs.ts). A run
 * costs one or two seconds of CPU.
 */
export function runStack(dir: string, stack: string, options: { dryRun?: boolean; config?: Record<string, string>; orgMap?: string } = {}): Promise<ProgramRun> {
    const g = globalThis as { [RUNS]?: Map<string, Promise<ProgramRun>> };
    const runs = (g[RUNS] ??= new Map<string, Promise<ProgramRun>>());
    // The map by path and contents: messages name the file, and a test may rewrite a map file it owns.
    const map = options.orgMap ?? process.env.GUARDRAILS_ORG_MAP;
    const key = JSON.stringify([path.resolve(REPO, dir), stack, options.dryRun ?? false, options.config ?? {}, map ?? null, map && fs.existsSync(map) ? fs.readFileSync(map, "utf8") : null]);
    let run = runs.get(key);
    if (!run) {
        run = sharedRun(key, () => startRun(dir, stack, options));
        runs.set(key, run);
    }
    return run.then((r: ProgramRun) => structuredClone(r));
}

const RUNS = Symbol.for("guardrail.test.stack-runs");

function startRun(dir: string, stack: string, options: { dryRun?: boolean; config?: Record<string, string>; orgMap?: string }): Promise<ProgramRun> {
    const project = readProject(path.resolve(REPO, dir));
    const { config, secretKeys } = readStackConfig(project, stack);
    // The child process takes its environment when it is started, inside this synchronous call.
    return withEnvironmentVariable("GUARDRAILS_ORG_MAP", options.orgMap ?? process.env.GUARDRAILS_ORG_MAP, () =>
        runProgramUnderMocks(project.dir, {
            project: project.name,
            stack,
            organization: "organization",
            dryRun: options.dryRun ?? false,
            config: { ...config, ...options.config },
            secretKeys,
            main: project.main,
        }),
    );
}

/** The one recorded resource of `type` called `name`. */
export function resourceNamed(run: ProgramRun, type: string, name: string): RecordedResource {
    const found = run.resources.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).toHaveLength(1);
    return found[0];
}

export function resourcesOfType(run: ProgramRun, type: string): RecordedResource[] {
    return run.resources.filter((r) => r.type === type);
}

/** A JSON-string input (policy documents) as data. */
export function jsonInput(r: RecordedResource, key: string): unknown {
    const value = r.inputs[key];
    expect(typeof value, `${r.type} ${r.name}.${key}`).toBe("string");
    return JSON.parse(value as string);
}

/** The provider resource a reference `urn::id` points at. */
export function providerOf(run: ProgramRun, ref: string | undefined): RecordedResource | undefined {
    if (!ref) {
        return undefined;
    }
    const urn = ref.slice(0, ref.lastIndexOf("::"));
    return run.resources.find((r) => r.urn === urn && r.type.startsWith("pulumi:providers:"));
}

/**
 * Every AWS resource and invoke of the run uses an explicit provider (never a default one), and
 * that provider is `expected`.
 */
export function expectAllOnProvider(run: ProgramRun, expectedProviderName: string): void {
    const aws = run.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
    expect(aws.length).toBeGreaterThan(0);
    for (const r of aws) {
        expect(providerOf(run, r.provider)?.name, `${r.type} ${r.name}`).toBe(expectedProviderName);
    }
    for (const i of run.invokes.filter((x) => x.token.startsWith("aws:"))) {
        expect(providerOf(run, i.provider)?.name, i.token).toBe(expectedProviderName);
    }
}
