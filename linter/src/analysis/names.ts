import { ts } from "@ts-morph/common";
import type { Collections } from "./collections";
import { Callable, Ctx, NeedsContext } from "./context";
import { assignedBeforeUse } from "./definite-assignment";
import { type Evaluator, short } from "./evaluator";
import { ModuleValues } from "./module-values";
import { isAmbient, resolveIdentifier } from "./scopes";
import { typeValue } from "./type-values";
import { isNothing, other, UNDEFINED, unknown, Value } from "./values";

/**
 * What a name is at run time: the declaration an identifier resolves to, read as the code runs it.
 * A variable is its initializer (or the element of the collection a loop declares it over) and
 * what is assigned to it; a parameter is what its call passes (NeedsContext when no call is bound:
 * the judge then tries each call site), or its default; a destructured name is that part of what
 * it is destructured from; an import is the exported declaration.
 */
export class NameValues {
    readonly modules: ModuleValues;

    constructor(
        private readonly ev: Evaluator,
        private readonly collections: Collections,
    ) {
        this.modules = new ModuleValues(ev, this);
    }

    identifier(id: ts.Identifier, ctx: Ctx): Value[] {
        const decl = resolveIdentifier(id);
        if (!decl) {
            if (id.text === "undefined") {
                return [UNDEFINED];
            }
            const global = this.ev.resolver.globals(id.getSourceFile(), id.text);
            return global ? [other("a package")] : [unknown(`"${id.text}" is not declared in the project`, id)];
        }
        if (ts.isVariableDeclaration(decl)) {
            return this.variable(decl, id, ctx);
        }
        if (ts.isParameter(decl)) {
            return this.parameter(decl, ctx);
        }
        if (ts.isBindingElement(decl)) {
            return this.bindingElement(decl, ctx);
        }
        if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isImportEqualsDeclaration(decl) || ts.isNamespaceImport(decl)) {
            return this.modules.imported(decl, id, ctx);
        }
        if (ts.isModuleDeclaration(decl)) {
            if (decl.body !== undefined && ts.isModuleBlock(decl.body) && !isAmbient(decl)) {
                return [{ t: "container", entity: { kind: "namespace", decl } }];
            }
            // A declared namespace holds no values in view.
            return [unknown(`"${id.text}" is a declared namespace, whose values the linter cannot see`, id)];
        }
        if (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) {
            return [{ t: "container", entity: { kind: "class", decl } }];
        }
        return [other(`a ${ts.SyntaxKind[decl.kind]}`)];
    }

    /** `Env.Prod` of a project enum: its literal, so a map keyed by the enum can be read. */
    enumMember(decl: ts.EnumDeclaration, key: string): Value[] {
        const m = decl.members.find((x) => (ts.isIdentifier(x.name) || ts.isStringLiteral(x.name)) && x.name.text === key);
        const init = m?.initializer;
        if (init && ts.isStringLiteralLike(init)) {
            return [other("an enum member", init.text)];
        }
        if (init && ts.isNumericLiteral(init)) {
            return [{ t: "other", what: "an enum member", literal: init.text, numeric: true }];
        }
        return [other("an enum member")];
    }

    variable(decl: ts.VariableDeclaration, use: ts.Identifier, ctx: Ctx): Value[] {
        const list = decl.parent;
        const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
        if (!ts.isIdentifier(decl.name)) {
            return [unknown(`"${use.text}" is destructured in a way the linter cannot follow`, use)];
        }
        const statement = list.parent;
        const declared = decl.getSourceFile().isDeclarationFile || (ts.isVariableStatement(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword));
        if (declared || (!decl.initializer && decl.type && isConst)) {
            return typeValue(decl.type, this.ev, `"${use.text}" is declared without a value`, use);
        }
        const base = this.declared(decl, ctx);
        const writes = this.ev.writes.writesTo(decl);
        const withProps = base.map((v) => this.ev.writes.applyTo(v, writes, ctx));
        if (isConst || writes.assignments.length === 0) {
            return withProps;
        }
        const setter = !decl.initializer ? settingFunction(writes.assignments, use) : undefined;
        if (setter) {
            // `let provider; export function init() { provider = ...; }`: undefined if read before init()
            // runs, an order of calls the linter does not follow. Told at the read, not at init's calls.
            return [unknown(`"${use.text}" is set by ${setter}, which the linter cannot tell runs before this`, use)];
        }
        // A read inside an assignment's own value (`o = { ...o, provider }`) sees what was there
        // before it, unless a loop (or a function called again) may have run that assignment already.
        const assigned = writes.assignments.filter((a) => !(a.pos <= use.pos && use.end <= a.end) || mayRepeat(a, decl)).flatMap((a) => this.ev.evaluate(a, ctx));
        // `let p; if (...) p = a; else p = b;` read afterwards: never its start (undefined, or the initial value).
        return assignedBeforeUse(decl, use) ? assigned : [...withProps, ...assigned];
    }

    /** A variable's value where it is declared: its initializer, or the element (key) of the collection a `for...of` (`for...in`) loop declares it over. */
    private declared(decl: ts.VariableDeclaration, ctx: Ctx): Value[] {
        if (decl.initializer) {
            return this.ev.evaluate(decl.initializer, ctx);
        }
        const loop = decl.parent.parent;
        if (ts.isForOfStatement(loop) && loop.initializer === decl.parent) {
            return loop.awaitModifier ? [unknown("it is an element of an async iterable", decl)] : this.collections.elements(this.ev.evaluate(loop.expression, ctx), decl);
        }
        if (ts.isForInStatement(loop) && loop.initializer === decl.parent) {
            return this.collections.keys(this.ev.evaluate(loop.expression, ctx), decl);
        }
        return [UNDEFINED];
    }

    parameter(param: ts.ParameterDeclaration, ctx: Ctx): Value[] {
        const fn = param.parent as Callable;
        const index = fn.parameters.indexOf(param);
        const binding = ctx.bindingOf(fn) ?? this.ev.members.implicitBinding(fn, ctx);
        if (!binding) {
            const fromArray = this.collections.callbackParameter(fn, index, ctx) ?? this.ev.promises.thenParameter(fn, index, ctx);
            if (fromArray) {
                return param.initializer && fromArray.some(isNothing) ? [...fromArray.filter((v) => !isNothing(v)), ...this.ev.evaluate(param.initializer, ctx)] : fromArray;
            }
            throw new NeedsContext(fn);
        }
        const name = ts.isIdentifier(param.name) ? param.name.text : "(destructured)";
        let values: Value[];
        if ("unlisted" in binding) {
            const why = `they arrive as parameter "${name}" and ${binding.unlisted}`;
            // Left out, a parameter with a default has that (below); an optional one is undefined, but
            // whether any caller leaves it out is what cannot be seen: not a certain miss.
            values = typeValue(param.type, this.ev, why, param, !!param.initializer);
            if (param.questionToken) {
                values = [...values, unknown(`${why}, and it is optional`, param)];
            }
        } else if ("given" in binding) {
            values = binding.args[index] ?? [UNDEFINED];
        } else {
            const args = binding.arguments ?? ts.factory.createNodeArray<ts.Expression>();
            const hidden = args.slice(0, index + 1).some((a) => ts.isSpreadElement(a));
            if (param.dotDotDotToken) {
                const rest = args.slice(index);
                values = [{ t: "array", items: rest.map((a) => ({ value: () => this.ev.evaluate(a, ctx) })), node: param }];
            } else if (hidden) {
                values = [unknown(`a call spreads its arguments (${short(binding)})`, binding)];
            } else {
                values = args[index] ? this.ev.evaluate(args[index], ctx) : [UNDEFINED];
            }
        }
        if (param.initializer && values.some((v) => v.t === "undefined" || v.t === "absent")) {
            values = [...values.filter((v) => v.t !== "undefined" && v.t !== "absent"), ...this.ev.evaluate(param.initializer, ctx)];
        }
        return values;
    }

    private bindingElement(el: ts.BindingElement, ctx: Ctx): Value[] {
        const pattern = el.parent;
        const key = el.propertyName ?? el.name;
        const objectKey = ts.isObjectBindingPattern(pattern) && (ts.isIdentifier(key) || ts.isStringLiteral(key)) ? key.text : undefined;
        if (!el.dotDotDotToken && objectKey === undefined && !ts.isArrayBindingPattern(pattern)) {
            return [unknown("it is destructured in a way the linter cannot follow", el)];
        }
        const holder = pattern.parent;
        let base: Value[];
        if (ts.isParameter(holder)) {
            base = this.parameter(holder, ctx);
        } else if (ts.isVariableDeclaration(holder)) {
            base = this.declared(holder, ctx);
        } else if (ts.isBindingElement(holder)) {
            base = this.bindingElement(holder, ctx);
        } else {
            return [unknown("it is destructured from something the linter cannot follow", el)];
        }
        // `const [name, provider] = entry`: the element at the binding's position.
        const index = ts.isArrayBindingPattern(pattern) ? pattern.elements.indexOf(el) : -1;
        if (el.dotDotDotToken) {
            return ts.isArrayBindingPattern(pattern) ? this.collections.restOf(base, index, el) : restObject(pattern, base, el);
        }
        let values = objectKey !== undefined ? this.ev.property(base, objectKey, el, ctx) : this.collections.computed(base, [other("an index", String(index))], el, ctx);
        if (el.initializer && values.some(isNothing)) {
            values = [...values.filter((v) => !isNothing(v)), ...this.ev.evaluate(el.initializer, ctx)];
        }
        return values;
    }
}

/** `const { dev, ...others } = providers`: the object without the keys named before the rest. */
function restObject(pattern: ts.ObjectBindingPattern, base: Value[], el: ts.BindingElement): Value[] {
    const omit = new Set<string>();
    for (const sibling of pattern.elements) {
        const key = sibling.propertyName ?? sibling.name;
        if (sibling === el) {
            continue;
        }
        if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) {
            return [unknown("it is the rest of a destructuring with a computed key", el)];
        }
        omit.add(key.text);
    }
    return [{ t: "object", entries: [{ spread: () => base, omit }], node: el }];
}

/**
 * The function every assignment of a variable declared without a value is in (`init()`), when the
 * read is outside it: whether it has run by then is not something the analysis follows.
 */
function settingFunction(assignments: readonly ts.Node[], use: ts.Node): string | undefined {
    let name: string | undefined;
    for (const a of assignments) {
        let fn: ts.Node | undefined = a.parent;
        while (fn && !ts.isFunctionLike(fn)) {
            fn = fn.parent;
        }
        if (!fn || (fn.pos <= use.pos && use.end <= fn.end)) {
            return undefined;
        }
        const own = (fn as ts.FunctionLikeDeclaration).name;
        const holder = fn.parent && ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined;
        const text = own && ts.isIdentifier(own) ? `${own.text}()` : holder && ts.isIdentifier(holder) ? `${holder.text}()` : "a function";
        name = name === undefined || name === text ? text : "functions";
    }
    return assignments.length > 0 ? name : undefined;
}

/** Can `node` run more than once for one run of the variable's declaration (a loop or a function between them)? */
function mayRepeat(node: ts.Node, decl: ts.VariableDeclaration): boolean {
    const scope = decl.parent.parent.parent;
    for (let n: ts.Node | undefined = node.parent; n && n !== scope; n = n.parent) {
        if (ts.isIterationStatement(n, false) || ts.isFunctionLike(n)) {
            return true;
        }
    }
    return false;
}
