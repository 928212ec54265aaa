/**
 * Object inputs reach the AWS providers as JSON text (@pulumi/aws and @pulumi/aws-native JSON-encode
 * them in the SDK), and the providers decode that text with Go's `encoding/json`. `JSON.parse` forgets
 * what the provider does not: the order of keys and every duplicate. This decoder keeps both, so a
 * field can be read exactly as the provider reads it:
 *  - into a Go struct (aws-native's `ProviderAssumeRole`): keys match the field name
 *    case-insensitively and the last matching key wins (`{"roleArn": a, "RoleArn": b}` is b);
 *  - into a Go map (the Terraform bridge behind @pulumi/aws, `pkg/tfbridge/config_encoding.go`):
 *    keys are exact and the last duplicate wins.
 * Strings equal to the engine's unknown sentinel become UNKNOWN, so partly unknown values stay readable.
 */
import { UNKNOWN, UNKNOWN_SENTINEL, Unknown } from "./plain-values";

export type JsonValue = null | boolean | number | string | Unknown | JsonValue[] | JsonObject;

/** An object with its keys in source order, duplicates kept. */
export class JsonObject {
    constructor(
        readonly entries: ReadonlyArray<readonly [string, JsonValue]>,
        /** True when the order is the provider's (JSON text); false for objects another SDK sent as values. */
        readonly ordered: boolean,
    ) {}
}

export class JsonSyntaxError extends Error {}

/** Parses JSON text as Go's decoder accepts it (strict RFC 8259, duplicates allowed). */
export function parseGoJson(text: string): JsonValue {
    const parser = new Parser(text);
    parser.space();
    const value = parser.value();
    parser.space();
    if (parser.pos !== text.length) {
        throw new JsonSyntaxError(`unexpected text at offset ${parser.pos}`);
    }
    return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

class Parser {
    pos = 0;
    constructor(private readonly text: string) {}

    space(): void {
        while (this.pos < this.text.length && " \t\n\r".includes(this.text[this.pos])) {
            this.pos++;
        }
    }

    private fail(what: string): never {
        throw new JsonSyntaxError(`${what} at offset ${this.pos}`);
    }

    private literal(word: string, value: JsonValue): JsonValue {
        if (this.text.startsWith(word, this.pos)) {
            this.pos += word.length;
            return value;
        }
        return this.fail("invalid literal");
    }

    value(): JsonValue {
        const c = this.text[this.pos];
        if (c === "{") {
            return this.object();
        }
        if (c === "[") {
            return this.array();
        }
        if (c === '"') {
            const s = this.string();
            return s === UNKNOWN_SENTINEL ? UNKNOWN : s;
        }
        if (c === "t") {
            return this.literal("true", true);
        }
        if (c === "f") {
            return this.literal("false", false);
        }
        if (c === "n") {
            return this.literal("null", null);
        }
        NUMBER.lastIndex = this.pos;
        const m = NUMBER.exec(this.text);
        if (!m || m[0] === "" || m[0] === "-") {
            return this.fail("unexpected character");
        }
        this.pos += m[0].length;
        return Number(m[0]);
    }

    private object(): JsonObject {
        const entries: [string, JsonValue][] = [];
        this.pos++;
        this.space();
        if (this.text[this.pos] === "}") {
            this.pos++;
            return new JsonObject(entries, true);
        }
        for (;;) {
            this.space();
            if (this.text[this.pos] !== '"') {
                this.fail("expected a key");
            }
            const key = this.string();
            this.space();
            if (this.text[this.pos++] !== ":") {
                this.fail("expected ':'");
            }
            this.space();
            entries.push([key, this.value()]);
            this.space();
            const c = this.text[this.pos++];
            if (c === "}") {
                return new JsonObject(entries, true);
            }
            if (c !== ",") {
                this.fail("expected ',' or '}'");
            }
        }
    }

    private array(): JsonValue[] {
        const out: JsonValue[] = [];
        this.pos++;
        this.space();
        if (this.text[this.pos] === "]") {
            this.pos++;
            return out;
        }
        for (;;) {
            this.space();
            out.push(this.value());
            this.space();
            const c = this.text[this.pos++];
            if (c === "]") {
                return out;
            }
            if (c !== ",") {
                this.fail("expected ',' or ']'");
            }
        }
    }

    private string(): string {
        let out = "";
        this.pos++;
        for (;;) {
            const c = this.text[this.pos++];
            if (c === undefined) {
                return this.fail("unterminated string");
            }
            if (c === '"') {
                return out;
            }
            if (c < " ") {
                this.fail("control character in string");
            }
            if (c !== "\\") {
                out += c;
                continue;
            }
            const e = this.text[this.pos++];
            if (e === "u") {
                const hex = this.text.slice(this.pos, this.pos + 4);
                if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
                    this.fail("invalid \\u escape");
                }
                out += String.fromCharCode(parseInt(hex, 16));
                this.pos += 4;
            } else if (e in ESCAPES) {
                out += ESCAPES[e];
            } else {
                this.fail("invalid escape");
            }
        }
    }
}

/**
 * Go's key folding for struct fields (`encoding/json` matches like `bytes.EqualFold`): ASCII case is
 * ignored, and U+017F (long s) and U+212A (Kelvin sign) fold to `S` and `K`. Field names here are ASCII,
 * so no other character can fold onto them.
 */
export function goFoldKey(key: string): string {
    let out = "";
    for (const ch of key) {
        out += ch === "\u017f" ? "S" : ch === "\u212a" ? "K" : ch >= "a" && ch <= "z" ? ch.toUpperCase() : ch;
    }
    return out;
}

export type KeyRule = "struct" | "map";

export interface FieldRead {
    /** The value the provider decodes, undefined when no key names the field. */
    value: JsonValue | undefined;
    /** The key it came from (its spelling in the input). */
    key?: string;
    /**
     * Set when the provider's choice cannot be known: keys that name the same field in different
     * spellings in an object whose order is not the provider's, or (map rule) a spelling other
     * than the exact one, which the Terraform bridge renames on its own terms.
     */
    ambiguous?: string[];
}

/** Reads one field of a decoded object the way the provider's decoder does. */
export function readField(obj: JsonObject, field: string, rule: KeyRule): FieldRead {
    const folded = goFoldKey(field);
    const matching = obj.entries.filter(([k]) => (rule === "struct" ? goFoldKey(k) === folded : k === field));
    const variants = obj.entries.filter(([k]) => k !== field && goFoldKey(k) === folded).map(([k]) => k);
    if (rule === "map" && variants.length > 0) {
        return { value: undefined, ambiguous: [field, ...variants] };
    }
    if (matching.length === 0) {
        return { value: undefined };
    }
    const spellings = [...new Set(matching.map(([k]) => k))];
    if (!obj.ordered && spellings.length > 1) {
        return { value: undefined, ambiguous: spellings };
    }
    const [key, value] = matching[matching.length - 1];
    return { value, key };
}

/** Turns a plain value (another SDK's object input) into the same shape as parsed JSON text. */
export function fromPlain(value: unknown): JsonValue {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (value === null || value === undefined) {
        return null;
    }
    if (typeof value === "string") {
        return value === UNKNOWN_SENTINEL ? UNKNOWN : value;
    }
    if (typeof value === "boolean" || typeof value === "number") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(fromPlain);
    }
    if (typeof value === "object") {
        return new JsonObject(
            Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromPlain(v)] as const),
            false,
        );
    }
    return null;
}

/** A value for messages, close to how it was written. */
export function showJson(value: JsonValue | undefined): string {
    if (value === undefined) {
        return "undefined";
    }
    if (value === UNKNOWN) {
        return "<unknown>";
    }
    if (value instanceof JsonObject) {
        return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}: ${showJson(v)}`).join(", ")}}`;
    }
    if (Array.isArray(value)) {
        return `[${value.map(showJson).join(", ")}]`;
    }
    return typeof value === "string" ? JSON.stringify(value) : String(value);
}
