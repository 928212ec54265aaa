import { ts } from "@ts-morph/common";
import type { CallSite, Callable } from "./context";
import type { Entity, EntityResolver } from "./entities";
import { identifiersNamed } from "./file-index";
import { argumentOf, baseExpression, resolveIdentifier, unwrap, WRAPPER_KINDS } from "./scopes";

/**
 * Where a function handed to a project function is called: `forEachAccount((provider) =>
 * new aws.s3.Bucket(..., { provider }))`, `inAccount(dev, (opts) => ...)`, `forEachAccount(deploy)`.
 * Its callers are the calls of the receiving parameter inside that function, each made while that
 * function runs for this one call (`via`): a function handed to another call of the same function
 * is another callback.
 */
export interface Via {
    fn: Callable;
    call: CallSite;
}

export type HandedSites = { kind: "known"; calls: CallSite[]; via: Via } | { kind: "unlisted"; why: string };

/** An anonymous function's callers when it is handed to a project function; undefined when it is not. */
export function callbackSites(fn: Callable, resolver: EntityResolver, receiverClasses: ReceiverClassesOf): HandedSites | undefined {
    return ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? handedSites(fn, resolver, receiverClasses) : undefined;
}

/** The callers a function gets by being `arg` of a call of a project function; undefined when `arg` is not such an argument. */
export function handedSites(arg: ts.Expression, resolver: EntityResolver, receiverClasses: ReceiverClassesOf): HandedSites | undefined {
    // Not an argument: the function may be what is called (`(() => ...)()`).
    const position = argumentOf(arg);
    if (!position) {
        return undefined;
    }
    const { call: outer, index } = position;
    const args: readonly ts.Expression[] = outer.arguments ?? [];
    const receiver = receivingFunction(outer, resolver, receiverClasses);
    if (!receiver) {
        return undefined;
    }
    const what = `the function it is handed to (${receiver.name})`;
    if (args.slice(0, index).some((a) => ts.isSpreadElement(a))) {
        return { kind: "unlisted", why: `a spread argument before it hides which parameter of ${what} receives it` };
    }
    const param = receiver.fn.parameters[Math.min(index, receiver.fn.parameters.length - 1)];
    if (!param || param.dotDotDotToken || !ts.isIdentifier(param.name) || receiver.fn.parameters.indexOf(param) !== index) {
        return { kind: "unlisted", why: `${what} does not receive it as a named parameter` };
    }
    const calls: CallSite[] = [];
    const name = param.name.text;
    for (const id of identifiersNamed(receiver.fn.getSourceFile(), name)) {
        if (id === param.name || id.pos < receiver.fn.pos || id.end > receiver.fn.end || resolveIdentifier(id) !== param) {
            continue;
        }
        let callee: ts.Node = id;
        while (WRAPPER_KINDS.has(callee.parent.kind)) {
            callee = callee.parent;
        }
        const call = callee.parent;
        if (!ts.isCallExpression(call) || call.expression !== callee) {
            // Handed on, stored or returned: whoever gets it could call it with anything.
            return { kind: "unlisted", why: `${what} passes "${name}" on as a value` };
        }
        calls.push(call);
    }
    if (calls.length === 0) {
        return { kind: "unlisted", why: `${what} never calls "${name}" where the linter can see` };
    }
    return { kind: "known", calls, via: { fn: receiver.fn, call: outer } };
}

/** The project classes a receiver may be an instance of (undefined: cannot be told); see call-sites.ts. */
export type ReceiverClassesOf = (receiver: ts.Expression) => ts.ClassLikeDeclaration[] | undefined;

/** The project function, method or constructor a call runs, with its body in view. */
function receivingFunction(call: ts.CallExpression | ts.NewExpression, resolver: EntityResolver, receiverClasses: ReceiverClassesOf): { fn: Callable; name: string } | undefined {
    const entity = resolver.resolve(call.expression);
    if (ts.isCallExpression(call) && entity?.kind === "function" && entity.decl.body) {
        return { fn: entity.decl, name: `${nameOf(call.expression)}()` };
    }
    if (ts.isNewExpression(call) && entity?.kind === "class") {
        const ctor = inClassOrBases(entity.decl, resolver, (m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
        return ctor ? { fn: ctor, name: `new ${nameOf(call.expression)}` } : undefined;
    }
    // `org.forEachAccount(...)`: the method of the class (or classes) the receiver is an instance of.
    const callee = unwrap(call.expression);
    if (ts.isCallExpression(call) && !entity && ts.isPropertyAccessExpression(callee)) {
        const key = callee.name.text;
        const isMethod = (m: ts.ClassElement): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && !!m.body && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === key;
        const methods = new Set((receiverClasses(callee.expression) ?? []).map((cls) => inClassOrBases(cls, resolver, isMethod)));
        const [method] = methods;
        // One method whatever the receiver is; several (subclasses that override it) or none cannot be told apart here.
        return methods.size === 1 && method ? { fn: method, name: `${nameOf(call.expression)}()` } : undefined;
    }
    return undefined;
}

function inClassOrBases<T extends ts.ClassElement>(cls: ts.ClassLikeDeclaration, resolver: EntityResolver, test: (m: ts.ClassElement) => m is T): T | undefined {
    for (let c: ts.ClassLikeDeclaration | undefined = cls, i = 0; c && i < 12; i++) {
        const found = c.members.find(test);
        if (found) {
            return found;
        }
        const base = baseExpression(c);
        const e: Entity | undefined = base ? resolver.resolve(base) : undefined;
        c = e?.kind === "class" ? e.decl : undefined;
    }
    return undefined;
}

function nameOf(callee: ts.Expression): string {
    const text = callee.getText().replace(/\s+/g, "");
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
