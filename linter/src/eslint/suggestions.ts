import { ts } from "@ts-morph/common";
import { Ctx, NeedsContext } from "../analysis/context";
import type { Creation } from "../analysis/creations";
import { Declaration, namesInScope, unwrap } from "../analysis/scopes";
import type { Value } from "../analysis/values";
import type { Finding, Linter } from "../linter";
import { optionsParameter } from "../rules/component-forwards-options";

/**
 * Quick fixes for a creation given no provider: one per provider variable in scope of the package
 * it needs, so the user picks the account (never applied automatically). `provider: x` is merged
 * into an object-literal options argument, or added as a new options argument where the
 * signature takes it. Offered only where the finding's own node is what needs the provider: a
 * finding at the call of a helper would need the helper's parameters mapped, which is left alone.
 */

/** The messages (by rule) that say the node they point at was given no provider. */
const MISSING_PROVIDER: Readonly<Record<string, readonly string[]>> = {
    "require-resource-provider": ["missingProvider", "missingLookupProvider"],
    "require-invoke-provider": ["missingProvider"],
    "require-component-provider": ["missingProviders", "sdkComponent"],
};

export const SUGGESTING_RULES: ReadonlySet<string> = new Set(Object.keys(MISSING_PROVIDER));

export interface ProviderSuggestion {
    /** The variable. */
    name: string;
    /** What is added: `provider: workload`, or `provider` for a variable called so. */
    property: string;
    /** Source range replaced (equal ends: an insertion) and the text put there. */
    range: [number, number];
    text: string;
}

interface OptionsTarget {
    call: ts.CallExpression | ts.NewExpression;
    index: number;
    /** What to pass for a missing argument before the options. */
    filler(index: number): string;
}

export function providerSuggestions(linter: Linter, finding: Finding): ProviderSuggestion[] {
    if (!finding.messageId || !MISSING_PROVIDER[finding.ruleId]?.includes(finding.messageId)) {
        return [];
    }
    const subject = linter.subjectOf(finding);
    const creation = subject?.creation;
    // One `provider` serves one package; a component needing several would need `providers`.
    if (!subject || !creation || creation.needs.length !== 1) {
        return [];
    }
    const target = optionsTarget(linter, subject.node, creation);
    if (!target) {
        return [];
    }
    const out: ProviderSuggestion[] = [];
    for (const name of providersInScope(linter, target.call, creation.needs[0])) {
        const property = name === "provider" ? "provider" : `provider: ${name}`;
        const edit = editFor(target, property);
        if (edit) {
            out.push({ name, property, ...edit });
        }
    }
    return out;
}

/** Which argument of which call takes the options: the creation's own, or a project class's constructor's. */
function optionsTarget(linter: Linter, node: ts.Node, creation: Creation): OptionsTarget | undefined {
    if (node === creation.node) {
        if (creation.options === "hidden") {
            return undefined;
        }
        const isNew = ts.isNewExpression(creation.node);
        // `{}` where the SDK takes args (all optional when the argument may be left out), else undefined.
        const argsAt = isNew && creation.kind !== "lookup" && creation.kind !== "mixin" ? 1 : creation.kind === "invoke" ? 0 : -1;
        return { call: creation.node, index: creation.optionsIndex, filler: (i) => (i === argsAt ? "{}" : "undefined") };
    }
    if (!ts.isNewExpression(node)) {
        return undefined;
    }
    // `new MyComponent(...)` or `new MyBucket(...)`: the options parameter of the class's constructor.
    const cls = linter.project.instantiatedResourceClass(node);
    if (!cls) {
        return undefined;
    }
    const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    const param = ctor && optionsParameter(ctor);
    const index = ctor ? (param ? ctor.parameters.indexOf(param) : -1) : linter.project.superOptionsIndex(cls);
    if (index === undefined || index < 0 || (node.arguments ?? []).slice(0, index + 1).some((a) => ts.isSpreadElement(a))) {
        return undefined;
    }
    return { call: node, index, filler: () => "undefined" };
}

/** Variables visible at `at` that hold a provider of `pkg` on every path, innermost scope first. */
function providersInScope(linter: Linter, at: ts.Node, pkg: string): string[] {
    const names: string[] = [];
    for (const [name, decl] of namesInScope(at)) {
        const id = declaredIdentifier(decl);
        if (id && usableAt(decl, at)) {
            const values = valuesOf(linter, id);
            if (values.length > 0 && values.every((v) => v.t === "provider" && v.pkg === pkg)) {
                names.push(name);
            }
        }
    }
    return names;
}

function declaredIdentifier(decl: Declaration): ts.Identifier | undefined {
    if (ts.isVariableDeclaration(decl) || ts.isBindingElement(decl) || ts.isParameter(decl) || ts.isImportSpecifier(decl) || ts.isImportClause(decl)) {
        return decl.name && ts.isIdentifier(decl.name) ? decl.name : undefined;
    }
    return undefined;
}

/**
 * Imports and parameters are bound before any code runs; a variable only once its declaration has
 * run, so it must come before the call, unless the call sits in a function declared outside it
 * (which runs later, when called).
 */
function usableAt(decl: Declaration, at: ts.Node): boolean {
    let d: ts.Node = decl;
    while (ts.isBindingElement(d) || ts.isObjectBindingPattern(d) || ts.isArrayBindingPattern(d)) {
        d = d.parent;
    }
    if (!ts.isVariableDeclaration(d)) {
        return true;
    }
    if (d.getEnd() <= at.getStart()) {
        return true;
    }
    for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
        if (n.pos <= d.pos && d.end <= n.end) {
            return false;
        }
        if (ts.isFunctionLike(n)) {
            return true;
        }
    }
    return false;
}

/**
 * What a variable holds, evaluated by the engine. A parameter is taken at its declared type (an
 * `aws.Provider` parameter is a provider, whoever calls the function).
 */
function valuesOf(linter: Linter, id: ts.Identifier): Value[] {
    let ctx = Ctx.EMPTY;
    for (let tries = 0; tries < 8; tries++) {
        try {
            return linter.project.evaluator.evaluate(id, ctx);
        } catch (e) {
            if (!(e instanceof NeedsContext)) {
                throw e;
            }
            ctx = ctx.with(e.fn, { unlisted: "its callers are not looked at for a suggestion" });
        }
    }
    return [];
}

function editFor(target: OptionsTarget, property: string): Pick<ProviderSuggestion, "range" | "text"> | undefined {
    const args = target.call.arguments;
    if (!args) {
        return undefined; // `new X` without parentheses
    }
    if (target.index < args.length) {
        const arg = args[target.index];
        const inner = unwrap(arg);
        if (ts.isObjectLiteralExpression(inner)) {
            return intoObject(inner, property);
        }
        const range: [number, number] = [arg.getStart(), arg.getEnd()];
        if ((ts.isIdentifier(inner) && inner.text === "undefined") || inner.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(inner)) {
            return { range, text: `{ ${property} }` };
        }
        const simple = ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) || ts.isCallExpression(inner);
        return { range, text: `{ ...${simple ? arg.getText() : `(${arg.getText()})`}, ${property} }` };
    }
    const parts: string[] = [];
    for (let i = args.length; i < target.index; i++) {
        parts.push(target.filler(i));
    }
    parts.push(`{ ${property} }`);
    if (args.length === 0) {
        return { range: [args.pos, args.pos], text: parts.join(", ") };
    }
    const end = args[args.length - 1].getEnd();
    return { range: [end, end], text: `, ${parts.join(", ")}` };
}

/** Sets `provider` in an object literal: replaces an existing `provider` entry, or adds one last. */
function intoObject(obj: ts.ObjectLiteralExpression, property: string): Pick<ProviderSuggestion, "range" | "text"> {
    const sf = obj.getSourceFile();
    const existing = [...obj.properties].reverse().find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name) && p.name.text === "provider");
    if (existing) {
        return { range: [existing.getStart(), existing.getEnd()], text: property };
    }
    const open = obj.getStart();
    if (obj.properties.length === 0) {
        const inside = sf.text.slice(open + 1, obj.getEnd() - 1);
        return inside.trim() === "" ? { range: [open, obj.getEnd()], text: `{ ${property} }` } : { range: [open + 1, open + 1], text: ` ${property},` };
    }
    const last = obj.properties[obj.properties.length - 1];
    const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
    if (lineOf(last.getStart()) === lineOf(open)) {
        return { range: [last.getEnd(), last.getEnd()], text: `, ${property}` };
    }
    // One entry per line: a new line with the last entry's indentation, keeping a trailing comma style.
    const lineStart = sf.getPositionOfLineAndCharacter(lineOf(last.getStart()), 0);
    const indent = /^[ \t]*/.exec(sf.text.slice(lineStart, last.getStart()))![0];
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, sf.text, undefined, last.getEnd());
    if (scanner.scan() === ts.SyntaxKind.CommaToken) {
        const comma = scanner.getTextPos();
        return { range: [comma, comma], text: `\n${indent}${property},` };
    }
    return { range: [last.getEnd(), last.getEnd()], text: `,\n${indent}${property}` };
}
