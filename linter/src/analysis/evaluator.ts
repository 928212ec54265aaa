import * as path from "node:path";
import { ts } from "@ts-morph/common";
import { Ctx } from "./context";
import { CreationClassifier } from "./creations";
import { EntityResolver } from "./entities";
import { ClassMembers } from "./class-members";
import { Collections } from "./collections";
import { bool, compare, isEquality, not, stringTest, truthOf } from "./conditions";
import { NameValues } from "./names";
import { VariableWrites } from "./variable-writes";
import { resolveIdentifier, thisContainer, unwrap } from "./scopes";
import { definedRead } from "./guarded-reads";
import { PromiseValues } from "./promises";
import { ABSENT, ArrayItem, awaited, Container, dedupe, Entry, isNothing, objectProperty, ofUnknownCount, other, UNDEFINED, unknown, Value } from "./values";

/**
 * Evaluates expressions to the values they may have at run time (see values.ts), following
 * variables, imports, spreads, `pulumi.mergeOptions`, `Object.assign`, project functions (their
 * returns, with their parameters bound to the call's arguments), class fields and `this`. A
 * parameter whose function has no call in the context throws NeedsContext: the caller (the judge)
 * then tries each call site of that function.
 */

const MAX_DEPTH = 40;

/** Expressions whose value is certainly no provider, options object or resource: one set lookup rather than a dozen tests per evaluation. */
const PLAIN_VALUE_KINDS: ReadonlySet<ts.SyntaxKind> = new Set([
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.NumericLiteral,
    ts.SyntaxKind.TemplateExpression,
    ts.SyntaxKind.BigIntLiteral,
    ts.SyntaxKind.RegularExpressionLiteral,
    ts.SyntaxKind.TrueKeyword,
    ts.SyntaxKind.FalseKeyword,
    ts.SyntaxKind.TaggedTemplateExpression,
    ts.SyntaxKind.TypeOfExpression,
    ts.SyntaxKind.PrefixUnaryExpression,
    ts.SyntaxKind.PostfixUnaryExpression,
    ts.SyntaxKind.ClassExpression,
]);

/** The kinds the evaluator's hottest paths tell apart, read once from the compiler's enum. */
const Kind = {
    ComputedPropertyName: ts.SyntaxKind.ComputedPropertyName,
    NumericLiteral: ts.SyntaxKind.NumericLiteral,
    PrivateIdentifier: ts.SyntaxKind.PrivateIdentifier,
    PropertyAssignment: ts.SyntaxKind.PropertyAssignment,
    ShorthandPropertyAssignment: ts.SyntaxKind.ShorthandPropertyAssignment,
    SpreadAssignment: ts.SyntaxKind.SpreadAssignment,
    StringLiteral: ts.SyntaxKind.StringLiteral,
    ArrayLiteralExpression: ts.SyntaxKind.ArrayLiteralExpression,
    ArrowFunction: ts.SyntaxKind.ArrowFunction,
    AwaitExpression: ts.SyntaxKind.AwaitExpression,
    BinaryExpression: ts.SyntaxKind.BinaryExpression,
    CallExpression: ts.SyntaxKind.CallExpression,
    ConditionalExpression: ts.SyntaxKind.ConditionalExpression,
    ElementAccessExpression: ts.SyntaxKind.ElementAccessExpression,
    FalseKeyword: ts.SyntaxKind.FalseKeyword,
    GetAccessor: ts.SyntaxKind.GetAccessor,
    SetAccessor: ts.SyntaxKind.SetAccessor,
    FunctionExpression: ts.SyntaxKind.FunctionExpression,
    Identifier: ts.SyntaxKind.Identifier,
    NewExpression: ts.SyntaxKind.NewExpression,
    NullKeyword: ts.SyntaxKind.NullKeyword,
    ObjectLiteralExpression: ts.SyntaxKind.ObjectLiteralExpression,
    PrefixUnaryExpression: ts.SyntaxKind.PrefixUnaryExpression,
    PropertyAccessExpression: ts.SyntaxKind.PropertyAccessExpression,
    ThisKeyword: ts.SyntaxKind.ThisKeyword,
    TrueKeyword: ts.SyntaxKind.TrueKeyword,
    VoidExpression: ts.SyntaxKind.VoidExpression,
} as const;

const STRING_TESTS: ReadonlySet<string> = new Set(["startsWith", "endsWith", "includes"]);
/** `Object.keys(o)` and the like: arrays, whatever `o` is. */
const OBJECT_LISTS: ReadonlySet<string> = new Set(["keys", "values", "entries"]);

function propertyKeyName(name: ts.PropertyName): string | undefined {
    switch (name.kind) {
        case Kind.Identifier:
        case Kind.StringLiteral:
        case Kind.NumericLiteral:
        case Kind.PrivateIdentifier:
            return name.text;
        case Kind.ComputedPropertyName:
            return ts.isStringLiteralLike(name.expression) ? name.expression.text : undefined;
    }
    return undefined;
}

/** `site.ts:6`: where a node is, relative to the working directory, for messages. */
export function locationOf(node: ts.Node): string {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return `${path.relative(process.cwd(), sf.fileName) || sf.fileName}:${line + 1}`;
}

export function short(node: ts.Node): string {
    const text = node.getText().replace(/\s+/g, " ");
    return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}

export class Evaluator {
    /** Values by context (its key) and expression: nested maps, since building a string key per lookup costs more than the lookup. */
    private readonly memo = new Map<string, Map<ts.Expression, Value[]>>();
    private depth = 0;
    readonly members: ClassMembers;
    /** What is written to variables and fields after they are declared (variable-writes.ts). */
    readonly writes: VariableWrites;
    private readonly collections: Collections;
    private readonly names: NameValues;
    readonly promises: PromiseValues;

    constructor(
        readonly resolver: EntityResolver,
        readonly classifier: CreationClassifier,
    ) {
        this.members = new ClassMembers(this);
        this.writes = new VariableWrites(this);
        this.collections = new Collections(this);
        this.names = new NameValues(this, this.collections);
        this.promises = new PromiseValues(this);
    }

    evaluate(expr: ts.Expression, ctx: Ctx): Value[] {
        let memo = this.memo.get(ctx.key);
        if (!memo) {
            memo = new Map();
            this.memo.set(ctx.key, memo);
        }
        const hit = memo.get(expr);
        if (hit) {
            return hit;
        }
        if (this.depth > MAX_DEPTH) {
            return [unknown("it is built too indirectly to follow", expr)];
        }
        this.depth++;
        try {
            let result = dedupe(this.compute(unwrap(expr), ctx));
            // Never undefined where code in front of it made sure (a memoised factory's `if (!cache[k])
            // cache[k] = ...; return cache[k];`, `if (!p) throw ...`): what it may be, but undefined.
            if (result.some((v) => isNothing(v) || (v.t === "unknown" && v.oneOf))) {
                result = definedRead(this, expr, result, ctx);
            }
            memo.set(expr, result);
            return result;
        } finally {
            this.depth--;
        }
    }

    /**
     * `owner.key`: a static member when `owner` names a project class, an exported variable when it
     * names a module or a namespace, else the key of each value `owner` may have.
     */
    private member(owner: ts.Expression, key: string, at: ts.Expression, ctx: Ctx): Value[] {
        const inner = unwrap(owner);
        const local = ts.isIdentifier(inner) ? resolveIdentifier(inner) : undefined;
        // A variable or parameter holds a value (the usual `opts.provider`): no entity to look for.
        // So does a default import, whatever its module exports as default (names.ts reads it).
        const holdsValue = local !== undefined && (ts.isVariableDeclaration(local) || ts.isParameter(local) || ts.isBindingElement(local) || ts.isImportClause(local));
        if (!holdsValue && (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner))) {
            const entity = this.resolver.resolve(inner);
            if (entity?.kind === "class" || entity?.kind === "module" || entity?.kind === "namespace") {
                return this.containerMember(entity, key, at, ctx);
            }
            if (local && ts.isEnumDeclaration(local)) {
                return this.names.enumMember(local, key);
            }
        }
        return this.property(this.evaluate(owner, ctx), key, at, ctx);
    }

    /** A static member of a class; an exported constant of a module or a namespace. */
    private containerMember(c: Container, key: string, at: ts.Node, ctx: Ctx): Value[] {
        return c.kind === "class" ? this.members.staticMember(c.decl, key, ctx, at) : this.names.modules.member(c, key, at, ctx);
    }

    /** `values[key]` for every alternative. */
    property(values: Value[], key: string, at: ts.Node, ctx: Ctx): Value[] {
        if (values.length === 1 && values[0].t === "object") {
            return objectProperty(values[0], key); // the usual case, already without repeats
        }
        return dedupe(
            values.flatMap((v): Value[] => {
                switch (v.t) {
                    case "object":
                        return objectProperty(v, key);
                    case "instance":
                        return this.members.field(v.cls, key, v.ctx.merge(ctx), at);
                    case "container":
                        return this.containerMember(v.entity, key, at, ctx);
                    case "unknown":
                        return [v];
                    case "absent":
                    case "undefined":
                    case "null":
                        return [ABSENT];
                    case "array":
                        return [other("an array member")];
                    default:
                        // Members of resources and providers are outputs; of other values, not options.
                        return [other(`${key} of a value`)];
                }
            }),
        );
    }

    private compute(e: ts.Expression, ctx: Ctx): Value[] {
        // One switch on the kind rather than a chain of tests: this runs for every expression evaluated
        // (its cases read from Kind, since a case of `ts.SyntaxKind.X` is a property read each time).
        switch (e.kind) {
            case Kind.Identifier:
                return this.names.identifier(e as ts.Identifier, ctx);
            case Kind.PropertyAccessExpression: {
                const access = e as ts.PropertyAccessExpression;
                return this.member(access.expression, access.name.text, access, ctx);
            }
            case Kind.ObjectLiteralExpression:
                return [{ t: "object", entries: this.entries(e as ts.ObjectLiteralExpression, ctx), node: e }];
            case Kind.NewExpression:
                return this.construct(e as ts.NewExpression, ctx);
            case Kind.CallExpression:
                return this.call(e as ts.CallExpression, ctx);
            case Kind.ThisKeyword: {
                const cls = thisContainer(e);
                return cls && ts.isClassLike(cls) ? [{ t: "instance", cls, ctx }] : [unknown("`this` outside a class", e)];
            }
            case Kind.ArrayLiteralExpression: {
                const items: ArrayItem[] = (e as ts.ArrayLiteralExpression).elements.map((el) => (ts.isSpreadElement(el) ? { spread: () => this.evaluate(el.expression, ctx) } : { value: () => this.evaluate(el, ctx) }));
                return [{ t: "array", items, node: e }];
            }
            case Kind.ElementAccessExpression: {
                const access = e as ts.ElementAccessExpression;
                const key = access.argumentExpression;
                if (ts.isStringLiteralLike(key)) {
                    return this.member(access.expression, key.text, access, ctx);
                }
                return this.collections.computed(this.evaluate(access.expression, ctx), this.evaluate(key, ctx), access, ctx);
            }
            case Kind.NullKeyword:
                return [{ t: "null" }];
            case Kind.VoidExpression:
                return [UNDEFINED];
            case Kind.TrueKeyword:
            case Kind.FalseKeyword:
                return [bool(e.kind === ts.SyntaxKind.TrueKeyword)];
            case Kind.ArrowFunction:
            case Kind.FunctionExpression:
                return [{ t: "function", decl: e as ts.ArrowFunction | ts.FunctionExpression, ctx }];
            case Kind.AwaitExpression: {
                // `await Promise.resolve(x)` is x; only awaited: the promise itself, passed as options, has no provider.
                const inner = unwrap((e as ts.AwaitExpression).expression);
                if (ts.isCallExpression(inner) && inner.arguments.length === 1 && isGlobalCall(inner, "Promise", "resolve")) {
                    return awaited(this.evaluate(inner.arguments[0], ctx));
                }
                return awaited(this.evaluate((e as ts.AwaitExpression).expression, ctx));
            }
            case Kind.ConditionalExpression: {
                // Only the branch a condition of known truth takes (`env ? { provider: providers[env] } : {}` with env a literal).
                const cond = e as ts.ConditionalExpression;
                const taken = this.truth(cond.condition, ctx);
                return [...(taken !== false ? this.evaluate(cond.whenTrue, ctx) : []), ...(taken !== true ? this.evaluate(cond.whenFalse, ctx) : [])];
            }
            case Kind.BinaryExpression:
                return this.binary(e as ts.BinaryExpression, ctx);
            case Kind.PrefixUnaryExpression:
                if ((e as ts.PrefixUnaryExpression).operator === ts.SyntaxKind.ExclamationToken) {
                    return not(this.evaluate((e as ts.PrefixUnaryExpression).operand, ctx));
                }
                break;
        }
        if (PLAIN_VALUE_KINDS.has(e.kind)) {
            // String and number literals keep their text: they may be keys (`providers["prod"]`, `list[0]`).
            if (ts.isNumericLiteral(e)) {
                return [{ t: "other", what: e.text, literal: e.text, numeric: true }];
            }
            return [other(e.getText().slice(0, 20), ts.isStringLiteralLike(e) ? e.text : undefined)];
        }
        return [unknown(`they come from an expression the linter cannot follow (${short(e)})`, e)];
    }

    /**
     * Whether a condition is true on every path (false on every path), or undefined when that cannot
     * be told. A condition on a parameter throws NeedsContext like any read of one, so that it is told
     * per call site: read as "either branch", `id ? { assumeRoles } : {}` in a factory every caller
     * gives an id was an error.
     */
    truth(condition: ts.Expression, ctx: Ctx): boolean | undefined {
        const values = this.evaluate(condition, ctx);
        const truths = values.map(truthOf);
        return truths.length > 0 && truths.every((t) => t === truths[0]) ? truths[0] : undefined;
    }

    private entries(e: ts.ObjectLiteralExpression, ctx: Ctx): Entry[] {
        const entries: Entry[] = [];
        for (const p of e.properties) {
            if (p.kind === Kind.SpreadAssignment) {
                entries.push({ spread: () => this.evaluate(p.expression, ctx) });
                continue;
            }
            if (p.kind === Kind.SetAccessor) {
                continue; // reading the key runs its getter (or gives undefined without one)
            }
            const key = p.name && (propertyKeyName(p.name) ?? this.computedKey(p.name, ctx));
            if (key === undefined) {
                entries.push({ hidden: `a key of ${short(e)} is computed`, node: p });
            } else if (p.kind === Kind.PropertyAssignment) {
                entries.push({ key, value: () => this.evaluate(p.initializer, ctx) });
            } else if (p.kind === Kind.ShorthandPropertyAssignment) {
                entries.push({ key, value: () => this.evaluate(p.name, ctx) });
            } else if (p.kind === Kind.GetAccessor && p.body) {
                // `{ get dev() { return devProvider; } }`: read as what it returns (it was "a method", no provider).
                const body = p.body;
                entries.push({ key, value: () => this.members.getterValues(body, ctx) });
            } else {
                entries.push({ key, value: () => [other("a method")] });
            }
        }
        return entries;
    }

    /** `{ [Env.Prod]: p }`, `{ [PROD]: p }`: a computed key whose one value is a known literal. */
    private computedKey(name: ts.PropertyName, ctx: Ctx): string | undefined {
        if (!ts.isComputedPropertyName(name)) {
            return undefined;
        }
        const values = this.evaluate(name.expression, ctx);
        const only = values.length === 1 ? values[0] : undefined;
        return only?.t === "other" ? only.literal : undefined;
    }

    private binary(e: ts.BinaryExpression, ctx: Ctx): Value[] {
        const op = e.operatorToken.kind;
        if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
            const left = this.evaluate(e.left, ctx);
            // Only nothing (for `||` also a falsy literal) falls through to the right side.
            const through = left.some((v) => isNothing(v) || (op === ts.SyntaxKind.BarBarToken && v.t === "other"));
            return [...left.filter((v) => !(isNothing(v) || (op === ts.SyntaxKind.BarBarToken && v.t === "other"))), ...(through ? this.evaluate(e.right, ctx) : [])];
        }
        if (op === ts.SyntaxKind.AmpersandAmpersandToken) {
            return [other("a falsy value"), ...this.evaluate(e.right, ctx)];
        }
        if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) {
            return this.evaluate(e.right, ctx);
        }
        if (op === ts.SyntaxKind.CommaToken) {
            return this.evaluate(e.right, ctx);
        }
        if (isEquality(op)) {
            return compare(op, this.evaluate(e.left, ctx), this.evaluate(e.right, ctx));
        }
        return [other("an operator's result")];
    }

    parameter(param: ts.ParameterDeclaration, ctx: Ctx): Value[] {
        return this.names.parameter(param, ctx);
    }

    private construct(e: ts.NewExpression, ctx: Ctx): Value[] {
        const creation = this.classifier.classify(e);
        if (creation) {
            return creation.kind === "provider" ? [{ t: "provider", pkg: creation.pkg, node: e, creation, ctx }] : [{ t: "resource", creation, ctx }];
        }
        const map = this.collections.maps.construct(e, ctx);
        if (map) {
            return map;
        }
        const entity = this.resolver.resolve(e.expression);
        if (entity?.kind === "class") {
            const ctor = this.members.explicitConstructor(entity.decl);
            return [{ t: "instance", cls: entity.decl, ctx: ctor ? ctx.with(ctor, e) : ctx }];
        }
        if (entity?.kind === "package") {
            const info = this.classifier.info(entity);
            if (info?.kind === "class" && info.resource === "provider") {
                // A provider of a package whose resources are not judged here.
                return [{ t: "provider", pkg: info.pkg, node: e }];
            }
        }
        return [other(`new ${short(e.expression)}`)];
    }

    private call(e: ts.CallExpression, ctx: Ctx): Value[] {
        const creation = this.classifier.classify(e);
        if (creation) {
            return creation.kind === "invoke" ? [other("an invoke's result")] : [{ t: "resource", creation, ctx }];
        }
        const callee = unwrap(e.expression);
        const entity = this.resolver.resolve(callee);
        const required = ts.isIdentifier(callee) && callee.text === "require" && !entity ? this.resolver.resolve(e) : undefined;
        if (required?.kind === "module") {
            return this.names.modules.whole(required.file, ctx); // require("./accounts")
        }
        if (entity?.kind === "core" && entity.path.join(".") === "mergeOptions") {
            return [{ t: "object", entries: e.arguments.map((a) => ({ spread: () => this.evaluate(a, ctx) })), node: e, mergesArrays: true }];
        }
        if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Object" && !resolveIdentifier(callee.expression)) {
            if (callee.name.text === "assign") {
                return [{ t: "object", entries: e.arguments.map((a) => ({ spread: () => this.evaluate(a, ctx) })), node: e }];
            }
            // `Object.freeze(providers)` returns the very object it is given (a constant map of accounts).
            if (RETURNS_ITS_ARGUMENT.has(callee.name.text) && e.arguments.length > 0 && !ts.isSpreadElement(e.arguments[0])) {
                return this.evaluate(e.arguments[0], ctx);
            }
            const arg = e.arguments[0];
            if (callee.name.text === "fromEntries" && arg && !ts.isSpreadElement(arg)) {
                return this.collections.fromEntries(this.evaluate(arg, ctx), e);
            }
            const listed = arg ? this.evaluate(arg, ctx).map((o) => this.collections.objectCall(callee.name.text, o, e)) : [];
            if (listed.length > 0 && listed.every((l) => l !== undefined)) {
                return listed as Value[];
            }
            if (arg && !ts.isSpreadElement(arg) && OBJECT_LISTS.has(callee.name.text)) {
                // Of an object out of view (accounts from config): a list all the same, of elements of unknown count.
                const element = unknown(`it is an element of ${short(e)}, of an object the linter cannot list`, e);
                return [{ t: "array", items: [ofUnknownCount({ value: () => [element] }, e)], node: e }];
            }
        }
        if (entity?.kind === "function") {
            return this.members.returns(entity.decl, e, ctx);
        }
        if (entity?.kind === "core") {
            // `pulumi.output(p)`, `pulumi.all([a, b])`: outputs of the values, which are the values here (promises.ts).
            const name = entity.path.join(".");
            if ((name === "output" || name === "all") && e.arguments.length === 1 && !ts.isSpreadElement(e.arguments[0])) {
                const arg = e.arguments[0];
                // An output of a promise is an output of its value; `all` settles each element.
                const of = () => (name === "all" ? this.promises.settled(this.evaluate(arg, ctx)) : awaited(this.evaluate(arg, ctx)));
                return [{ t: "promise", what: "an output", of, node: e }];
            }
            return [other(`a call of ${short(callee)}`)];
        }
        if (entity?.kind === "package") {
            if (this.classifier.info(entity)) {
                return [other(`a call of ${short(callee)}`)];
            }
            const declared = this.resolver.declaredInTypes(entity);
            return declared?.kind === "function" ? this.members.returns(declared.decl, e, ctx) : [unknown(`they come from a call (${short(callee)}(...))`, e)];
        }
        if (ts.isPropertyAccessExpression(callee)) {
            const owner = this.resolver.resolve(callee.expression);
            if (owner?.kind === "class") {
                const method = this.members.staticMethod(owner.decl, callee.name.text);
                return method ? this.members.returns(method, e, ctx) : [unknown(`they come from a call (${short(callee)}(...))`, e)];
            }
        }
        if (ts.isPropertyAccessExpression(callee) && e.arguments.length === 1 && STRING_TESTS.has(callee.name.text)) {
            // `type.startsWith("aws:")`: a condition, only as good as what is known of its strings.
            const tested = stringTest(callee.name.text, this.evaluate(callee.expression, ctx), this.evaluate(e.arguments[0], ctx));
            if (tested) {
                return tested;
            }
        }
        const mapped = this.collections.mapped(e, ctx) ?? this.collections.at(e, ctx) ?? this.collections.maps.call(e, ctx) ?? this.collections.found(e, ctx) ?? this.promises.call(e, ctx);
        if (mapped) {
            return mapped;
        }
        // A function value: a helper a factory returned, an instance's method.
        const fns = this.evaluate(callee, ctx);
        if (fns.length > 0 && fns.every((f) => f.t === "function")) {
            return fns.flatMap((f) => (f.t === "function" ? this.members.returns(f.decl, e, f.ctx.merge(ctx)) : []));
        }
        return [unknown(`they come from a call (${short(callee)}(...))`, e)];
    }
}

/** `Object.x(o)` that return `o` itself. */
const RETURNS_ITS_ARGUMENT: ReadonlySet<string> = new Set(["freeze", "seal", "preventExtensions"]);

/** `Global.name(...)` of the global object itself (not a local variable that shadows it). */
export function isGlobalCall(call: ts.CallExpression, global: string, name: string): boolean {
    const callee = unwrap(call.expression);
    return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === global && !resolveIdentifier(callee.expression) && callee.name.text === name;
}
