/**
 * Runs `fn` with environment variable `name` set to `value` (undefined: unset), then puts back what
 * was there. For a child process started synchronously inside `fn`: it takes its environment then.
 */
export function withEnvironmentVariable<T>(name: string, value: string | undefined, fn: () => T): T {
    const previous = process.env[name];
    const set = (v: string | undefined) => {
        if (v === undefined) {
            delete process.env[name];
        } else {
            process.env[name] = v;
        }
    };
    set(value);
    try {
        return fn();
    } finally {
        set(previous);
    }
}
