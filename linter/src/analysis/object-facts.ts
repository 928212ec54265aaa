import * as path from "node:path";
import { ts } from "@ts-morph/common";
import { EntityResolver, PULUMI_PACKAGE } from "./entities";
import { resolveIdentifier, unwrap } from "./scopes";
import { findCallSites } from "./call-sites";

/**
 * Whether an object expression (resource options, provider args) sets certain keys, seen through
 * variables, spreads, `pulumi.mergeOptions`, conditionals, imports from other project files and,
 * for helper parameters, every call site in the project. What cannot be seen is "unverifiable",
 * never silently "set".
 */
export type KeyState =
    | { state: "set"; values: ts.Expression[] }
    | { state: "absent"; where?: string }
    | { state: "unverifiable"; why: string; node: ts.Node };

export type Facts = Record<string, KeyState>;

const MAX_DEPTH = 10;

export function absentFacts(keys: readonly string[], where?: string): Facts {
    return Object.fromEntries(keys.map((k) => [k, { state: "absent", where }]));
}

function unverifiableFacts(keys: readonly string[], why: string, node: ts.Node): Facts {
    return Object.fromEntries(keys.map((k) => [k, { state: "unverifiable", why, node }]));
}

/** Both objects' keys together (spreads, mergeOptions): a key is set if either sets it. */
export function mergeKey(a: KeyState, b: KeyState): KeyState {
    if (a.state === "set" && b.state === "set") {
        return { state: "set", values: [...b.values] };
    }
    if (b.state === "set") {
        return b;
    }
    if (a.state === "set") {
        return a;
    }
    return a.state === "unverifiable" ? a : b;
}

/** Either object (conditionals): a key is set only if both set it. */
export function eitherKey(a: KeyState, b: KeyState): KeyState {
    if (a.state === "set" && b.state === "set") {
        return { state: "set", values: [...a.values, ...b.values] };
    }
    if (a.state === "absent") {
        return a;
    }
    if (b.state === "absent") {
        return b;
    }
    return a.state === "unverifiable" ? a : b;
}

function combine(keys: readonly string[], a: Facts, b: Facts, how: (x: KeyState, y: KeyState) => KeyState): Facts {
    return Object.fromEntries(keys.map((k) => [k, how(a[k], b[k])]));
}

function propertyKeyName(name: ts.PropertyName): string | undefined {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
        return name.text;
    }
    if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) {
        return name.expression.text;
    }
    return undefined;
}

export function location(node: ts.Node): string {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return `${path.relative(process.cwd(), sf.fileName) || sf.fileName}:${line + 1}`;
}

export class ObjectFactsEvaluator {
    constructor(readonly resolver: EntityResolver) {}

    /** Facts about `keys` in `expr` (undefined = the argument was not passed). */
    evaluate(expr: ts.Expression | undefined, keys: readonly string[], depth = 0, visiting: Set<ts.Node> = new Set()): Facts {
        if (!expr) {
            return absentFacts(keys);
        }
        if (depth > MAX_DEPTH || visiting.has(expr)) {
            return unverifiableFacts(keys, "it is built too indirectly to follow", expr);
        }
        visiting = new Set(visiting).add(expr);
        const e = unwrap(expr);
        const next = (x: ts.Expression | undefined) => this.evaluate(x, keys, depth + 1, visiting);

        if (ts.isObjectLiteralExpression(e)) {
            let facts = absentFacts(keys);
            for (const prop of e.properties) {
                if (ts.isSpreadAssignment(prop)) {
                    facts = combine(keys, facts, next(prop.expression), mergeKey);
                    continue;
                }
                const name = prop.name && propertyKeyName(prop.name);
                if (name === undefined || !keys.includes(name)) {
                    continue;
                }
                if (ts.isPropertyAssignment(prop)) {
                    facts[name] = { state: "set", values: [prop.initializer] };
                } else if (ts.isShorthandPropertyAssignment(prop)) {
                    facts[name] = { state: "set", values: [prop.name] };
                } else {
                    facts[name] = { state: "set", values: [] };
                }
            }
            return facts;
        }
        if (e.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(e) || (ts.isIdentifier(e) && e.text === "undefined" && !resolveIdentifier(e))) {
            return absentFacts(keys);
        }
        if (ts.isConditionalExpression(e)) {
            return combine(keys, next(e.whenTrue), next(e.whenFalse), eitherKey);
        }
        if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
            return combine(keys, next(e.left), next(e.right), eitherKey);
        }
        if (ts.isIdentifier(e)) {
            return this.fromIdentifier(e, keys, depth, visiting);
        }
        if (ts.isCallExpression(e)) {
            const callee = this.resolver.resolve(e.expression);
            if (callee?.kind === "package" && callee.pkg === PULUMI_PACKAGE && callee.path.join(".") === "mergeOptions") {
                return e.arguments.reduce((acc, arg) => combine(keys, acc, next(arg), mergeKey), absentFacts(keys));
            }
            return unverifiableFacts(keys, `they come from a call (${e.expression.getText()}(...))`, e);
        }
        if (ts.isPropertyAccessExpression(e)) {
            const member = this.memberInitializer(e, depth, visiting);
            if (member) {
                return next(member);
            }
            return unverifiableFacts(keys, `they come from ${e.getText()}`, e);
        }
        return unverifiableFacts(keys, `they come from an expression the linter cannot follow (${e.getText().slice(0, 40)})`, e);
    }

    private fromIdentifier(id: ts.Identifier, keys: readonly string[], depth: number, visiting: Set<ts.Node>): Facts {
        const decl = this.valueDeclaration(id);
        if (!decl) {
            return unverifiableFacts(keys, `"${id.text}" is not declared in the project`, id);
        }
        if (ts.isVariableDeclaration(decl)) {
            if (!decl.initializer) {
                return unverifiableFacts(keys, `"${id.text}" has no initializer to follow`, id);
            }
            return this.evaluate(decl.initializer, keys, depth + 1, visiting);
        }
        if (ts.isParameter(decl)) {
            return this.fromParameter(decl, keys, depth, visiting);
        }
        return unverifiableFacts(keys, `"${id.text}" is not a plain variable`, id);
    }

    /** A variable or parameter declaration, following `import { x } from "./file"` into the project. */
    valueDeclaration(id: ts.Identifier, depth = 0): ts.VariableDeclaration | ts.ParameterDeclaration | undefined {
        const decl = resolveIdentifier(id);
        if (!decl || depth > MAX_DEPTH) {
            return undefined;
        }
        if (ts.isVariableDeclaration(decl) || ts.isParameter(decl)) {
            return decl;
        }
        if (ts.isImportSpecifier(decl)) {
            const spec = decl.parent.parent.parent.moduleSpecifier;
            if (!ts.isStringLiteral(spec)) {
                return undefined;
            }
            const target = this.resolver.sources.resolveImport(decl.getSourceFile().fileName, spec.text);
            const name = (decl.propertyName ?? decl.name).text;
            return target ? exportedVariable(target.source, name) : undefined;
        }
        return undefined;
    }

    /** `defaults.opts` where `defaults` is an object literal: the initializer of `opts`. */
    private memberInitializer(e: ts.PropertyAccessExpression, depth: number, visiting: Set<ts.Node>): ts.Expression | undefined {
        const base = unwrap(e.expression);
        if (!ts.isIdentifier(base) || depth > MAX_DEPTH) {
            return undefined;
        }
        const decl = this.valueDeclaration(base);
        const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer) : undefined;
        if (!init || !ts.isObjectLiteralExpression(init) || visiting.has(init)) {
            return undefined;
        }
        for (const prop of init.properties) {
            if (ts.isPropertyAssignment(prop) && propertyKeyName(prop.name) === e.name.text) {
                return prop.initializer;
            }
        }
        return undefined;
    }

    /** A helper's parameter: check what every call site in the project passes. */
    private fromParameter(param: ts.ParameterDeclaration, keys: readonly string[], depth: number, visiting: Set<ts.Node>): Facts {
        const name = ts.isIdentifier(param.name) ? param.name.text : "(destructured)";
        const sites = findCallSites(param.parent, this.resolver);
        if (sites.kind === "unknown") {
            return unverifiableFacts(keys, `they arrive as parameter "${name}" and ${sites.why}`, param);
        }
        const index = param.parent.parameters.indexOf(param);
        let facts: Facts | undefined;
        for (const call of sites.calls) {
            const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
            const hidden = args.slice(0, index + 1).find((a) => ts.isSpreadElement(a));
            const site: Facts = hidden
                ? unverifiableFacts(keys, `a call spreads its arguments (${location(call)})`, call)
                : args[index]
                  ? this.evaluate(args[index], keys, depth + 1, visiting)
                  : param.initializer
                    ? this.evaluate(param.initializer, keys, depth + 1, visiting)
                    : absentFacts(keys);
            // Name the call site that leaves a key out, so the message points at the real culprit.
            for (const k of keys) {
                const s = site[k];
                if (s.state === "absent") {
                    site[k] = { state: "absent", where: s.where ?? `the call at ${location(call)}` };
                }
            }
            facts = facts ? combine(keys, facts, site, eitherKey) : site;
        }
        return facts ?? absentFacts(keys);
    }
}

/** The exported `const name = ...` of a file. */
function exportedVariable(file: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
    for (const s of file.statements) {
        if (ts.isVariableStatement(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
            for (const d of s.declarationList.declarations) {
                if (ts.isIdentifier(d.name) && d.name.text === name) {
                    return d;
                }
            }
        }
        if (ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause && ts.isNamedExports(s.exportClause)) {
            for (const el of s.exportClause.elements) {
                if (el.name.text === name) {
                    const local = (el.propertyName ?? el.name).text;
                    for (const st of file.statements) {
                        if (ts.isVariableStatement(st)) {
                            const d = st.declarationList.declarations.find((v) => ts.isIdentifier(v.name) && v.name.text === local);
                            if (d) {
                                return d;
                            }
                        }
                    }
                }
            }
        }
    }
    return undefined;
}
