import { ts } from "@ts-morph/common";

/**
 * Lexical name resolution on the raw syntax tree, without the type checker: which declaration does
 * an identifier refer to? Enough to respect shadowing (a parameter or local called `aws`) at a
 * fraction of the cost of binding the whole program.
 */

export type Declaration =
    | ts.NamespaceImport
    | ts.ImportClause
    | ts.ImportSpecifier
    | ts.ImportEqualsDeclaration
    | ts.VariableDeclaration
    | ts.BindingElement
    | ts.ParameterDeclaration
    | ts.FunctionDeclaration
    | ts.FunctionExpression
    | ts.ClassDeclaration
    | ts.ClassExpression
    | ts.EnumDeclaration
    | ts.ModuleDeclaration;

const scopeCache = new WeakMap<ts.Node, Map<string, Declaration>>();

function addBindingNames(name: ts.BindingName, decl: Declaration, into: Map<string, Declaration>): void {
    if (ts.isIdentifier(name)) {
        into.set(name.text, decl);
        return;
    }
    for (const element of name.elements) {
        if (ts.isBindingElement(element)) {
            if (ts.isIdentifier(element.name)) {
                into.set(element.name.text, element);
            } else {
                addBindingNames(element.name, element, into);
            }
        }
    }
}

function addVariableList(list: ts.VariableDeclarationList, into: Map<string, Declaration>): void {
    for (const d of list.declarations) {
        addBindingNames(d.name, d, into);
    }
}

function addStatements(statements: ts.NodeArray<ts.Statement>, into: Map<string, Declaration>): void {
    for (const s of statements) {
        if (ts.isVariableStatement(s)) {
            addVariableList(s.declarationList, into);
        } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
            into.set(s.name.text, s);
        } else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) {
            into.set(s.name.text, s);
        } else if (ts.isImportEqualsDeclaration(s)) {
            into.set(s.name.text, s);
        } else if (ts.isImportDeclaration(s) && s.importClause) {
            const clause = s.importClause;
            if (clause.name) {
                into.set(clause.name.text, clause);
            }
            const bindings = clause.namedBindings;
            if (bindings && ts.isNamespaceImport(bindings)) {
                into.set(bindings.name.text, bindings);
            } else if (bindings) {
                for (const spec of bindings.elements) {
                    into.set(spec.name.text, spec);
                }
            }
        }
    }
}

/**
 * Kinds of node that can declare names for code inside them. Looked up before the cache: most nodes
 * a lookup passes cannot, and a set of kinds is cheaper than the cache or a chain of tests.
 */
const SCOPE_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
    ts.SyntaxKind.SourceFile,
    ts.SyntaxKind.Block,
    ts.SyntaxKind.ModuleBlock,
    ts.SyntaxKind.CaseBlock,
    ts.SyntaxKind.ForStatement,
    ts.SyntaxKind.ForOfStatement,
    ts.SyntaxKind.ForInStatement,
    ts.SyntaxKind.CatchClause,
    ts.SyntaxKind.ClassExpression,
    // Whatever ts.isFunctionLike accepts, which it tells by kind alone.
    ...Object.values(ts.SyntaxKind).filter((k): k is ts.SyntaxKind => typeof k === "number" && ts.isFunctionLike({ kind: k } as ts.Node)),
]);

/** The names a node introduces for code inside it, or undefined if it opens no scope. */
function declarationsOf(node: ts.Node): Map<string, Declaration> | undefined {
    if (!SCOPE_KINDS.has(node.kind)) {
        return undefined;
    }
    const cached = scopeCache.get(node);
    if (cached) {
        return cached;
    }
    let names: Map<string, Declaration> | undefined;
    if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node)) {
        names = new Map();
        addStatements(node.statements, names);
    } else if (ts.isCaseBlock(node)) {
        names = new Map();
        for (const clause of node.clauses) {
            addStatements(clause.statements, names);
        }
    } else if (ts.isFunctionLike(node)) {
        names = new Map();
        for (const p of node.parameters) {
            addBindingNames(p.name, p, names);
        }
        if (ts.isFunctionExpression(node) && node.name) {
            names.set(node.name.text, node);
        }
    } else if (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) {
        const init = node.initializer;
        if (init && ts.isVariableDeclarationList(init)) {
            names = new Map();
            addVariableList(init, names);
        }
    } else if (ts.isCatchClause(node) && node.variableDeclaration) {
        names = new Map();
        addBindingNames(node.variableDeclaration.name, node.variableDeclaration, names);
    } else if (ts.isClassExpression(node) && node.name) {
        names = new Map([[node.name.text, node]]);
    }
    if (names) {
        scopeCache.set(node, names);
    }
    return names;
}

/** Identifiers already resolved (null: declared nowhere in view); every analysis asks about the same few again and again. */
const resolved = new WeakMap<ts.Identifier, Declaration | null>();

/** The declaration `id` refers to, searching outward from where it is used. */
export function resolveIdentifier(id: ts.Identifier): Declaration | undefined {
    let decl = resolved.get(id);
    if (decl === undefined) {
        decl = null;
        const name = id.text;
        for (let n: ts.Node | undefined = id.parent; n && !decl; n = n.parent) {
            decl = declarationsOf(n)?.get(name) ?? null;
        }
        resolved.set(id, decl);
    }
    return decl ?? undefined;
}

/** Every name code at `node` can refer to, with the declaration it refers to there (inner scopes shadow outer ones). */
export function namesInScope(node: ts.Node): Map<string, Declaration> {
    const out = new Map<string, Declaration>();
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
        for (const [name, decl] of declarationsOf(n) ?? []) {
            if (!out.has(name)) {
                out.set(name, decl);
            }
        }
    }
    return out;
}

/** The file-level declaration called `name` (for exports). */
export function topLevelDeclaration(file: ts.SourceFile, name: string): Declaration | undefined {
    return declarationsOf(file)?.get(name);
}

/** What a class `extends`, as written. */
export function baseExpression(cls: ts.ClassLikeDeclaration): ts.Expression | undefined {
    return cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
}

/** The call `node` is an argument of (through parentheses, `as`, `!`), with its position. */
export function argumentOf(node: ts.Node): { call: ts.CallExpression | ts.NewExpression; index: number } | undefined {
    let arg = node;
    while (WRAPPER_KINDS.has(arg.parent.kind)) {
        arg = arg.parent;
    }
    const call = arg.parent;
    if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) {
        return undefined;
    }
    const args: readonly ts.Expression[] = call.arguments ?? [];
    const index = args.indexOf(arg as ts.Expression);
    return index < 0 ? undefined : { call, index };
}

/** Expressions that only wrap another: parentheses, `as`, `!`, `<T>` casts and `satisfies`. */
export const WRAPPER_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
    ts.SyntaxKind.ParenthesizedExpression,
    ts.SyntaxKind.AsExpression,
    ts.SyntaxKind.NonNullExpression,
    ts.SyntaxKind.TypeAssertionExpression,
    ts.SyntaxKind.SatisfiesExpression,
]);

/** Removes parentheses, `as`, `satisfies`, `!` and `<T>` casts. */
export function unwrap(expr: ts.Expression): ts.Expression {
    let e = expr;
    // One lookup by kind rather than five tests: this runs for nearly every expression looked at.
    while (WRAPPER_KINDS.has(e.kind)) {
        e = (e as ts.ParenthesizedExpression).expression;
    }
    return e;
}

/** The class or function body `node` sits in, skipping arrow functions (which keep the outer `this`). */
export function thisContainer(node: ts.Node): ts.Node | undefined {
    // A `this` is evaluated once per call path through its class, the walk up each time the same.
    let found = thisContainers.get(node);
    if (found === undefined) {
        found = findThisContainer(node) ?? null;
        thisContainers.set(node, found);
    }
    return found ?? undefined;
}

const thisContainers = new WeakMap<ts.Node, ts.Node | null>();

function findThisContainer(node: ts.Node): ts.Node | undefined {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
        if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
            return n;
        }
        if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isSourceFile(n)) {
            return n;
        }
    }
    return undefined;
}

/** A `declare namespace`: types only, no values at run time. */
export function isAmbient(decl: ts.ModuleDeclaration): boolean {
    return (ts.getModifiers(decl) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/**
 * What a namespace exports as `name`. Namespaces of one name merge, so every block of that name
 * beside this one counts.
 */
export function namespaceExport(ns: ts.ModuleDeclaration, name: string): Declaration | undefined {
    const siblings = ts.isSourceFile(ns.parent) || ts.isModuleBlock(ns.parent) ? ns.parent.statements : [ns];
    for (const block of siblings) {
        if (!ts.isModuleDeclaration(block) || block.name.getText() !== ns.name.getText() || !block.body || !ts.isModuleBlock(block.body)) {
            continue;
        }
        for (const st of block.body.statements) {
            if (!(ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword))) {
                continue;
            }
            if (ts.isVariableStatement(st)) {
                const d = st.declarationList.declarations.find((v) => ts.isIdentifier(v.name) && v.name.text === name);
                if (d) {
                    return d;
                }
            } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st) || ts.isModuleDeclaration(st)) && st.name?.text === name) {
                return st;
            }
        }
    }
    return undefined;
}
