import { ts } from "@ts-morph/common";
import { EntityResolver } from "./entities";
import { resolveIdentifier } from "./scopes";

export type CallSites = { kind: "known"; calls: (ts.CallExpression | ts.NewExpression)[] } | { kind: "unknown"; why: string };

const cache = new WeakMap<ts.Node, CallSites>();

/** The name a function or constructor is called by, and the declaration calls must resolve to. */
function calleeIdentity(fn: ts.SignatureDeclaration): { name: string; target: ts.Node; viaNew: boolean } | undefined {
    if (ts.isFunctionDeclaration(fn) && fn.name) {
        return { name: fn.name.text, target: fn, viaNew: false };
    }
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
        return { name: fn.parent.name.text, target: fn, viaNew: false };
    }
    if (ts.isConstructorDeclaration(fn) && fn.parent.name) {
        return { name: fn.parent.name.text, target: fn.parent, viaNew: true };
    }
    return undefined;
}

function targetOf(expr: ts.Expression, resolver: EntityResolver): ts.Node | undefined {
    const entity = resolver.resolve(expr);
    return entity && (entity.kind === "function" || entity.kind === "class") ? entity.decl : undefined;
}

/**
 * Every place in the project that calls `fn` (a named function, a function assigned to a const, or
 * a class constructor). "unknown" when the function escapes (passed around as a value, subclassed),
 * since then some call sites cannot be seen.
 */
export function findCallSites(fn: ts.SignatureDeclaration, resolver: EntityResolver): CallSites {
    const cached = cache.get(fn);
    if (cached) {
        return cached;
    }
    const result = search(fn, resolver);
    cache.set(fn, result);
    return result;
}

function search(fn: ts.SignatureDeclaration, resolver: EntityResolver): CallSites {
    const identity = calleeIdentity(fn);
    if (!identity) {
        return { kind: "unknown", why: "they belong to a method or an anonymous function whose callers cannot be listed" };
    }
    const { name, target, viaNew } = identity;
    const calls: (ts.CallExpression | ts.NewExpression)[] = [];
    let escape: string | undefined;
    const sources = resolver.sources;
    for (const file of sources.filesMentioning(sources.projectRootOf(fn.getSourceFile().fileName), name)) {
        const visit = (node: ts.Node): void => {
            if (escape) {
                return;
            }
            if (ts.isIdentifier(node) && node.text === name && ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) {
                // lib.makeBucket(...) through a namespace import of the helper's module
                const access = node.parent;
                if (targetOf(access, resolver) === target) {
                    const call = access.parent;
                    if ((ts.isCallExpression(call) || ts.isNewExpression(call)) && call.expression === access && viaNew === ts.isNewExpression(call)) {
                        calls.push(call);
                    } else {
                        escape = `"${name}" is passed around as a value`;
                    }
                }
            } else if (ts.isIdentifier(node) && node.text === name) {
                const parent = node.parent;
                const isCallee = (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === node;
                const isDeclarationName = parent && (parent as ts.NamedDeclaration).name === node;
                const isImportOrExport = ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent);
                if (!isDeclarationName && !isImportOrExport && !ts.isPropertyAccessExpression(parent)) {
                    const resolves = resolveIdentifier(node) !== undefined && targetOf(node, resolver) === target;
                    if (resolves && isCallee && (viaNew === ts.isNewExpression(parent))) {
                        calls.push(parent as ts.CallExpression | ts.NewExpression);
                    } else if (resolves && ts.isHeritageClause(parent.parent?.parent)) {
                        escape = `the class is subclassed (${file.file})`;
                    } else if (resolves && !ts.isTypeReferenceNode(parent) && !ts.isTypeQueryNode(parent)) {
                        escape = `"${name}" is passed around as a value`;
                    }
                }
            }
            ts.forEachChild(node, visit);
        };
        visit(file.source);
    }
    if (escape) {
        return { kind: "unknown", why: escape };
    }
    if (calls.length === 0) {
        return { kind: "unknown", why: `no call of ${name}() in the project passes them` };
    }
    return { kind: "known", calls };
}
