/**
 * What kind of engine run the pack is in. The engine starts a Node.js pack with
 * `PULUMI_NODEJS_DRY_RUN` set from the run's dry-run flag, the same flag `ConfigureStack` carries
 * (pulumi/pulumi `pkg/resource/plugin/analyzer_plugin.go`, `constructEnv`): "true" for
 * `pulumi preview`, "false" for the update of `pulumi up`. @pulumi/policy does not pass the
 * `ConfigureStack` flag on, so the variable is what a policy can read.
 */

/** True only for a preview; anything else (an update, or a value that cannot be read) is not. */
export function isPreview(): boolean {
    return process.env.PULUMI_NODEJS_DRY_RUN === "true";
}
