import { ts } from "@ts-morph/common";
import { other, Value } from "./values";

/**
 * What a condition is known to be, where that decides which branch runs: `env ? a : b` with env a
 * literal, `args.type.startsWith("pulumi:providers:")` in a stack transformation (never a provider
 * there, and of a known package), `a === "prod"`. Unknown (undefined) otherwise: both branches.
 */

/** A value's truth where it is certain: nothing is false; resources, objects and functions are true; a literal by its text. */
export function truthOf(v: Value): boolean | undefined {
    switch (v.t) {
        case "absent":
        case "undefined":
        case "null":
            return false;
        case "other":
            if (v.truth !== undefined) {
                return v.truth;
            }
            if (v.literal === undefined) {
                return undefined;
            }
            return v.numeric ? Number(v.literal) !== 0 : v.literal !== "";
        case "unknown":
            return undefined;
        default:
            return true;
    }
}

export function bool(truth: boolean | undefined, what = "a boolean"): Value {
    return truth === undefined ? other(what) : { t: "other", what: String(truth), truth };
}

/** `!x` of every alternative. */
export function not(values: Value[]): Value[] {
    return values.map((v) => {
        const t = truthOf(v);
        return bool(t === undefined ? undefined : !t);
    });
}

const EQUALITY: ReadonlyMap<ts.SyntaxKind, boolean> = new Map([
    [ts.SyntaxKind.EqualsEqualsEqualsToken, true],
    [ts.SyntaxKind.EqualsEqualsToken, true],
    [ts.SyntaxKind.ExclamationEqualsEqualsToken, false],
    [ts.SyntaxKind.ExclamationEqualsToken, false],
]);

export function isEquality(op: ts.SyntaxKind): boolean {
    return EQUALITY.has(op);
}

/** `a === b` (or `!==`, `==`, `!=`) for every pair of alternatives, where their texts or packages tell. */
export function compare(op: ts.SyntaxKind, left: Value[], right: Value[]): Value[] {
    const positive = EQUALITY.get(op)!;
    return left.flatMap((l) =>
        right.map((r) => {
            const equal = equals(l, r);
            return bool(equal === undefined ? undefined : equal === positive, "a comparison");
        }),
    );
}

function equals(a: Value, b: Value): boolean | undefined {
    if (a.t === "other" && b.t === "other") {
        if (a.literal !== undefined && b.literal !== undefined) {
            // "1" and 1: unequal to ===, equal to ==; neither is a condition worth telling apart.
            return a.numeric === b.numeric ? a.literal === b.literal : undefined;
        }
        const [token, text] = a.typeOfPackage !== undefined ? [a.typeOfPackage, b.literal] : [b.typeOfPackage, a.literal];
        if (token !== undefined && text !== undefined) {
            return startsAs(token, text) === false ? false : undefined;
        }
    }
    return undefined;
}

/** `x.startsWith(s)`, `x.endsWith(s)`, `x.includes(s)` for every pair of alternatives; undefined when the method is none of those. */
export function stringTest(method: string, receiver: Value[], arg: Value[]): Value[] | undefined {
    if (method !== "startsWith" && method !== "endsWith" && method !== "includes") {
        return undefined;
    }
    return receiver.flatMap((r) =>
        arg.map((a) => {
            const text = a.t === "other" ? a.literal : undefined;
            if (r.t !== "other" || text === undefined) {
                return bool(undefined);
            }
            if (r.literal !== undefined && !r.numeric) {
                return bool(method === "startsWith" ? r.literal.startsWith(text) : method === "endsWith" ? r.literal.endsWith(text) : r.literal.includes(text));
            }
            return bool(r.typeOfPackage !== undefined && method === "startsWith" ? startsAs(r.typeOfPackage, text) : undefined);
        }),
    );
}

/**
 * Does a type token of a resource of `pkg` (`aws:s3/bucket:Bucket`, never `pulumi:providers:aws`)
 * start with `text`? Known while `text` stays within the `pkg:` every such token starts with.
 */
function startsAs(pkg: string, text: string): boolean | undefined {
    const prefix = `${pkg}:`;
    if (prefix.startsWith(text)) {
        return true;
    }
    return text.startsWith(prefix) ? undefined : false;
}
