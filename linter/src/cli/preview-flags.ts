import { Command, InvalidArgumentError } from "commander";

/**
 * The flags `preview` and `check` add for running programs: `--stack-config KEY=VALUE` (repeatable)
 * and `--timeout SECONDS`. Kept apart from report writing; loads nothing but commander.
 */
export interface PreviewRunFlags {
    stackConfig: Record<string, string>;
    timeoutMs: number;
}

const DEFAULT_TIMEOUT_SECONDS = 120;

function keyValue(value: string, previous: Record<string, string>): Record<string, string> {
    const at = value.indexOf("=");
    const key = at < 0 ? "" : value.slice(0, at).trim();
    if (!key || /\s/.test(key) || key.startsWith(":") || key.endsWith(":")) {
        throw new InvalidArgumentError(`expected KEY=VALUE, e.g. aws:region=eu-west-1 or dbPassword=test (got "${value}")`);
    }
    return { ...previous, [key]: value.slice(at + 1) };
}

function seconds(value: string): number {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) {
        throw new InvalidArgumentError("must be a number of seconds greater than 0");
    }
    return n;
}

export function addPreviewRunFlags(c: Command): Command {
    return c
        .option("--stack-config <key=value>", "a stack config value for this run, over the stack file's (repeatable); test values for encrypted (secure:) config", keyValue, {})
        .option("--timeout <seconds>", "how long each program may run before it is stopped", seconds, DEFAULT_TIMEOUT_SECONDS);
}

export function previewRunFlags(options: { stackConfig?: Record<string, string>; timeout?: number }): PreviewRunFlags {
    return { stackConfig: options.stackConfig ?? {}, timeoutMs: (options.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000 };
}
