/** Validation helpers shared by the sections of the organisation map. */

export const ACCOUNT_ID = /^\d{12}$/;
export const NAME = /^[a-z][a-z0-9-]{0,62}$/;
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
export const ALIAS = /^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$/;
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** The email rule the AWS provider applies to `aws.organizations.Account` (6 to 64 characters). */
export const EMAIL = /^(?=.{6,64}$)[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Collects problems instead of throwing at the first, so one run shows every broken entry. */
export class Checker {
    readonly problems: string[] = [];

    string(where: string, v: unknown, pattern: RegExp, what: string): string {
        if (typeof v === "number" && pattern === ACCOUNT_ID) {
            this.problems.push(`${where}: account id ${v} must be a quoted string (a YAML number loses leading zeros)`);
            return String(v);
        }
        if (typeof v !== "string" || !pattern.test(v)) {
            this.problems.push(`${where}: ${JSON.stringify(v ?? null)} is not ${what}`);
            return typeof v === "string" ? v : "";
        }
        return v;
    }

    boolean(where: string, v: unknown, fallback: boolean): boolean {
        if (v === undefined) {
            return fallback;
        }
        if (typeof v !== "boolean") {
            this.problems.push(`${where}: ${JSON.stringify(v)} is not true or false`);
            return fallback;
        }
        return v;
    }

    /** A list of strings matching `pattern`; `nonEmpty` rejects `[]`. */
    list(where: string, v: unknown, pattern: RegExp, what: string, nonEmpty = false): string[] {
        if (!Array.isArray(v) || (nonEmpty && v.length === 0)) {
            this.problems.push(`${where}: expected a${nonEmpty ? " non-empty" : ""} list of ${what}s, got ${JSON.stringify(v ?? null)}`);
            return [];
        }
        const article = /^[aeiou]/i.test(what) ? "an" : "a";
        return v.map((x, i) => this.string(`${where}[${i}]`, x, pattern, `${article} ${what}`));
    }

    object(where: string, v: unknown): Json {
        if (!isObject(v)) {
            this.problems.push(`${where}: expected a mapping, got ${JSON.stringify(v ?? null)}`);
            return {};
        }
        return v;
    }

    noUnknownKeys(where: string, v: Json, allowed: readonly string[]): void {
        for (const key of Object.keys(v)) {
            if (!allowed.includes(key)) {
                this.problems.push(`${where}: unknown key "${key}" (expected one of ${allowed.join(", ")})`);
            }
        }
    }

    /** Duplicates in `values` (ignoring empty ones), each named with where it was first seen. */
    unique(values: { where: string; value: string }[], what: string): void {
        const seen = new Map<string, string>();
        for (const { where, value } of values) {
            if (!value) {
                continue;
            }
            const first = seen.get(value);
            if (first) {
                this.problems.push(`${where}: ${what} ${value} is already used by ${first}`);
            } else {
                seen.set(value, where);
            }
        }
    }
}
