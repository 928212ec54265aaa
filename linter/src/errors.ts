/**
 * Bad input, or a run that cannot be completed: the CLI prints the message as one line on stderr
 * and exits 2, never with a stack trace. Every layer throws one of these for what a user can fix;
 * anything else is an internal error (also exit 2, also without a stack unless GUARDRAIL_DEBUG).
 */
export class GuardrailError extends Error {
    constructor(message: string) {
        super(message);
        this.name = new.target.name;
    }
}

/** A command line that cannot be run as given (missing path, wrong kind of file). */
export class UsageError extends GuardrailError {}

/** A configuration file that is unreadable or invalid. */
export class ConfigError extends GuardrailError {}
