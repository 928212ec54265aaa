/**
 * What kind of engine run the pack is in, from the variables the engine starts a Node.js pack with
 * (pulumi/pulumi `pkg/resource/plugin/analyzer_plugin.go`, `constructEnv`). `PULUMI_NODEJS_DRY_RUN`
 * carries the run's dry-run flag, the same flag `ConfigureStack` carries: "true" for
 * `pulumi preview`, "false" for the update of `pulumi up`. @pulumi/policy does not pass the
 * `ConfigureStack` flag on, so the variable is what a policy can read. They are fixed for the life
 * of the process and `process.env` is slow to read, so each is read once.
 */
let dryRun: boolean | undefined;
let project: string | undefined | null = null;

/** True only for a preview; anything else (an update, or a value that cannot be read) is not. */
export function isPreview(): boolean {
    dryRun ??= process.env.PULUMI_NODEJS_DRY_RUN === "true";
    return dryRun;
}

/** The Pulumi project being run (`PULUMI_NODEJS_PROJECT`). */
export function projectName(): string | undefined {
    if (project === null) {
        project = process.env.PULUMI_NODEJS_PROJECT;
    }
    return project;
}
