import { ts } from "@ts-morph/common";
import { Ctx } from "./context";
import type { Evaluator } from "./evaluator";
import { ABSENT, Entry, UNDEFINED, unknown, Value } from "./values";

/**
 * What a declared type guarantees, for values the code does not show (a `declare const`, a
 * parameter whose callers cannot be listed, a function without a body): `aws.Provider` is a
 * provider of aws, `{ provider: aws.Provider }` an object that has one, a project class an
 * instance of it. Anything looser (`any`, `pulumi.ResourceOptions`, whose provider is optional)
 * stays unknown, so it is reported rather than trusted.
 */
export function typeValue(type: ts.TypeNode | undefined, ev: Evaluator, why: string, at: ts.Node, optional = false): Value[] {
    const values = type ? fromType(type, ev, why, at, 0) : [unknown(why || "its type does not say", at)];
    return optional ? [...values, UNDEFINED] : values;
}

function fromType(type: ts.TypeNode, ev: Evaluator, why: string, at: ts.Node, depth: number): Value[] {
    const vague = () => [unknown(why || `its type (${type.getText().slice(0, 40)}) does not guarantee a provider`, at)];
    if (depth > 6) {
        return vague();
    }
    if (ts.isUnionTypeNode(type)) {
        return type.types.flatMap((t) => fromType(t, ev, why, at, depth + 1));
    }
    if (ts.isParenthesizedTypeNode(type)) {
        return fromType(type.type, ev, why, at, depth + 1);
    }
    if (type.kind === ts.SyntaxKind.UndefinedKeyword || type.kind === ts.SyntaxKind.VoidKeyword) {
        return [UNDEFINED];
    }
    if (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword) {
        return [{ t: "null" }];
    }
    if (ts.isTypeLiteralNode(type)) {
        const entries: Entry[] = [];
        for (const m of type.members) {
            if (ts.isPropertySignature(m) && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
                const member = m;
                entries.push({
                    key: m.name.text,
                    value: () => {
                        const v = member.type ? fromType(member.type, ev, why, at, depth + 1) : vague();
                        return member.questionToken ? [...v, ABSENT] : v;
                    },
                });
            } else {
                entries.push({ hidden: why || "its type has members the linter cannot read", node: m });
            }
        }
        return [{ t: "object", entries, node: type }];
    }
    if (ts.isTypeReferenceNode(type)) {
        const entity = ev.resolver.resolveEntityName(type.typeName, 0);
        if (entity?.kind === "package") {
            const info = ev.classifier.info(entity);
            if (info?.kind === "class" && info.resource === "provider") {
                return [{ t: "provider", pkg: info.pkg, node: type }];
            }
        }
        if (entity?.kind === "class") {
            // Some `new C(...)` built it; the judge tries each.
            return [{ t: "instance", cls: entity.decl, ctx: Ctx.EMPTY }];
        }
    }
    return vague();
}
