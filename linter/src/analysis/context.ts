import { ts } from "@ts-morph/common";
import type { Value } from "./values";

/**
 * Which call a function's parameters come from, for one path through the program. Code is judged
 * the way it runs: a parameter has the value its caller passed, so a resource inside a helper is
 * judged once per call site of the helper (and of the helper's callers, as far as the options
 * travel). A context binds each function to one call at most; recursion is cut off.
 */

export type Callable = ts.SignatureDeclaration;
export type CallSite = ts.CallExpression | ts.NewExpression;

let nextId = 1;
const ids = new WeakMap<ts.Node, number>();

export function nodeId(node: ts.Node): number {
    let id = ids.get(node);
    if (id === undefined) {
        id = nextId++;
        ids.set(node, id);
    }
    return id;
}

/**
 * A function's call; why its callers cannot be listed (then parameters fall back to their types);
 * or the values a caller outside the program passes (the SDK calling a stack transformation), by
 * parameter, named by `given` (which also tells such bindings apart in a context's key).
 */
export type Binding = CallSite | { unlisted: string } | { given: string; args: Value[][] };

export class Ctx {
    static readonly EMPTY = new Ctx(new Map(), []);

    private constructor(
        private readonly bindings: ReadonlyMap<Callable, Binding>,
        /** Bindings in the order they were added: the last is the outermost caller. */
        readonly order: readonly Callable[],
        readonly key: string = order.map((f) => `${nodeId(f)}:${bindingId(bindings.get(f)!)}`).join(","),
    ) {}

    bindingOf(fn: Callable): Binding | undefined {
        return this.bindings.get(fn);
    }

    has(fn: Callable): boolean {
        return this.bindings.has(fn);
    }

    with(fn: Callable, binding: Binding): Ctx {
        const bindings = new Map(this.bindings);
        bindings.set(fn, binding);
        if (!this.bindings.has(fn)) {
            // The usual case, a call one level further out: the key grows by one entry (built once per call path).
            const entry = `${nodeId(fn)}:${bindingId(binding)}`;
            return new Ctx(bindings, [...this.order, fn], this.key === "" ? entry : `${this.key},${entry}`);
        }
        return new Ctx(bindings, [...this.order.filter((f) => f !== fn), fn]);
    }

    /** Both contexts' bindings (this one's win): a method called on an instance sees how it was built. */
    merge(other: Ctx): Ctx {
        if (this.key === other.key) {
            return other; // the same bindings in the same order: merging would rebuild an equal context
        }
        let out: Ctx = other;
        for (const fn of this.order) {
            out = out.with(fn, this.bindings.get(fn)!);
        }
        return out;
    }

    /** The call the options came through last: where a missing provider should be passed. */
    outermostCall(): CallSite | undefined {
        for (let i = this.order.length - 1; i >= 0; i--) {
            const b = this.bindings.get(this.order[i])!;
            if (!("unlisted" in b) && !("given" in b)) {
                return b;
            }
        }
        return undefined;
    }

    get size(): number {
        return this.order.length;
    }
}

/** Evaluation reached a parameter whose function has no call bound in the context. */
function bindingId(b: Binding): string {
    return "unlisted" in b ? "?" : "given" in b ? `given ${b.given}` : String(nodeId(b));
}

export class NeedsContext extends Error {
    constructor(readonly fn: Callable) {
        super("parameter needs a call site");
    }
}
