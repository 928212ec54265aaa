/**
 * Loaded with `node --require` into a policy pack started as `reusable` (guardrail audit), before
 * `run-policy-pack`. The language host tells a pack which stack it serves only through the
 * environment it starts the pack with (`PULUMI_NODEJS_STACK`, `PULUMI_NODEJS_PROJECT`,
 * `PULUMI_NODEJS_ORGANIZATION`, `PULUMI_NODEJS_DRY_RUN`, `PULUMI_CONFIG`); @pulumi/policy 1.x reads
 * nothing but tags from `ConfigureStack`. Starting a pack costs seconds (ts-node type-checks it), so
 * an audit of many stacks moves one pack from stack to stack instead: this sets that environment
 * again and updates @pulumi/pulumi's settings store, which copied it when it was first read
 * (`runtime/state.js`, `LocalStore`; one store on `global` shared by every copy of the SDK), so that
 * `process.env`, `pulumi.getStack()`, `pulumi.getProject()` and `new pulumi.Config()` all answer for
 * the new stack. A value a pack copied into a module-level constant at load time cannot be reached.
 *
 * It writes nothing to stdout (the pack's first stdout line must be its port) and exits with its
 * parent, so a pack never outlives the audit that started it.
 */
interface SetStack {
    type: "guardrail:set-stack";
    seq: number;
    env: Record<string, string>;
}

interface SettingsStore {
    settings?: { options?: Record<string, unknown> };
    config?: Record<string, string>;
}

function isSetStack(m: unknown): m is SetStack {
    return typeof m === "object" && m !== null && (m as { type?: unknown }).type === "guardrail:set-stack";
}

function applyStack(env: Record<string, string>): void {
    Object.assign(process.env, env);
    const store = (globalThis as { globalStore?: SettingsStore }).globalStore;
    const options = store?.settings?.options;
    if (options) {
        options.stack = env.PULUMI_NODEJS_STACK;
        options.project = env.PULUMI_NODEJS_PROJECT;
        options.organization = env.PULUMI_NODEJS_ORGANIZATION;
        options.dryRun = env.PULUMI_NODEJS_DRY_RUN === "true";
    }
    if (store?.config) {
        store.config.PULUMI_CONFIG = env.PULUMI_CONFIG;
    }
}

if (process.send) {
    process.on("message", (m: unknown) => {
        if (isSetStack(m)) {
            applyStack(m.env);
            process.send!({ type: "guardrail:stack-set", seq: m.seq });
        }
    });
    process.on("disconnect", () => process.exit(0));
    // The gRPC server keeps the pack alive; the channel alone must not.
    process.channel?.unref();
}
