/**
 * What kind of engine run the pack is in, from the variables the engine starts a Node.js pack with
 * (pulumi/pulumi `pkg/resource/plugin/analyzer_plugin.go`, `constructEnv`). `PULUMI_NODEJS_DRY_RUN`
 * carries the run's dry-run flag, the same flag `ConfigureStack` carries: "true" for
 * `pulumi preview`, "false" for the update of `pulumi up`. @pulumi/policy does not pass the
 * `ConfigureStack` flag on, so the variable is what a policy can read. The engine fixes them for the
 * life of the process, but `guardrail audit` moves one pack process from stack to stack by setting
 * them again (linter/src/engine/stack-switch-preload.ts), so they are read on every call, never
 * copied: a read costs well under a microsecond against milliseconds per Analyze call.
 */

/** True only for a preview; anything else (an update, or a value that cannot be read) is not. */
export function isPreview(): boolean {
    return process.env.PULUMI_NODEJS_DRY_RUN === "true";
}

/** The Pulumi project being run (`PULUMI_NODEJS_PROJECT`). */
export function projectName(): string | undefined {
    return process.env.PULUMI_NODEJS_PROJECT;
}
