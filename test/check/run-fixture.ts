import * as path from "node:path";
import { ProgramRun, RecordedResource, runProgramUnderMocks } from "../../linter/src/preview/program-run";
import { readProject, readStackConfig } from "../../linter/src/preview/pulumi-project";

export const PROGRAMS = path.resolve(__dirname, "../fixtures/programs");

/** Runs a fixture program's dev stack under mocks as `guardrail preview` does (dry run, merged config). */
export async function runFixture(name: string, options: { timeoutMs?: number; stackConfig?: Record<string, string> } = {}): Promise<ProgramRun> {
    const project = readProject(path.join(PROGRAMS, name));
    const { config, secretKeys } = readStackConfig(project, "dev", options.stackConfig);
    return runProgramUnderMocks(
        project.dir,
        { project: project.name, stack: "dev", organization: "organization", dryRun: true, config, secretKeys, main: project.main, runtimeOptions: project.runtimeOptions },
        { timeoutMs: options.timeoutMs ?? 90_000 },
    );
}

/** `type name` of every recorded resource, for compact expectations. */
export function registered(run: ProgramRun): string[] {
    return run.resources.map((r: RecordedResource) => `${r.type} ${r.name}`);
}
