import { ts } from "@ts-morph/common";
import { superCall } from "../analysis/class-members";
import { defineRule } from "./rule";

export const componentForwardsOptions = defineRule({
    id: "component-forwards-options",
    defaultSeverity: "error",
    docs: {
        description: "A component's constructor must pass its options to `super(type, name, args, opts)` as options.",
        help:
            "Pulumi gives a component's children the providers of the options the component registered with. A constructor " +
            "that passes its `opts` in the `args` position, or not at all, registers the component without them, so no " +
            "provider given to `new MyComponent(...)` ever reaches its children. Write `super(type, name, args, opts)`.",
    },
    messages: {
        asArgs: "{{name}} passes its options ({{param}}) to super(...) as the component's args, not as its options, so a provider given to new {{name}}(...) never reaches its children; pass {{param}} as the {{position}} argument.",
        dropped: "{{name}} does not pass its options ({{param}}) to super(...), so a provider given to new {{name}}(...) never reaches its children; pass {{param}} as the {{position}} argument.",
    },
    check(context) {
        const ORDINAL = ["first", "second", "third", "fourth", "fifth", "sixth"];
        for (const cls of context.classes) {
            const ctor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
            const param = ctor && optionsParameter(ctor);
            const position = ctor && context.superOptionsIndex(cls);
            if (!ctor || !param || !ts.isIdentifier(param.name) || position === undefined) {
                continue;
            }
            const name = param.name.text;
            const call = superCall(ctor);
            const args = call?.arguments ?? ts.factory.createNodeArray<ts.Expression>();
            if (args.some((a) => ts.isSpreadElement(a)) || (args[position] !== undefined && mentions(args[position], name))) {
                continue;
            }
            const elsewhere = args.some((a, i) => i !== position && mentions(a, name));
            const data = { name: cls.name?.text ?? "the component", param: name, position: ORDINAL[position] ?? `#${position + 1}` };
            context.report(call ?? ctor, elsewhere ? "asArgs" : "dropped", data);
        }
    },
});

/** The constructor parameter that holds resource options: typed as Pulumi's options, or named so. */
export function optionsParameter(ctor: ts.ConstructorDeclaration): ts.ParameterDeclaration | undefined {
    const typed = ctor.parameters.find((p) => p.type && /\b(ComponentResourceOptions|CustomResourceOptions|ResourceOptions)\b/.test(p.type.getText()));
    return typed ?? ctor.parameters.find((p) => ts.isIdentifier(p.name) && /^(opts|options|resourceOptions)$/.test(p.name.text));
}

/** Does the expression use the identifier (directly, spread, merged)? */
function mentions(expr: ts.Node, name: string): boolean {
    let found = false;
    const visit = (n: ts.Node): void => {
        if (found) {
            return;
        }
        if (ts.isIdentifier(n) && n.text === name && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)) {
            found = true;
            return;
        }
        ts.forEachChild(n, visit);
    };
    visit(expr);
    return found;
}
