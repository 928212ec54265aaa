import { ts } from "@ts-morph/common";

/**
 * The two exports of a project module that are not a name it declares: its default export and the
 * value it assigns to `module.exports` as a whole. At run time (TypeScript's CommonJS output with
 * esModuleInterop, and Node's own loader of ES modules) `import x from "./m"` is `m`'s default
 * export, or, for a module that assigns `module.exports` (`export =`), that whole value; and
 * `import m = require("./m")` or `require("./m")` of such a module is that value too.
 */

/** `export = e`, or `module.exports = e` at the top level of a CommonJS module. */
export function wholeExport(file: ts.SourceFile): ts.Expression | undefined {
    let found: ts.Expression | undefined;
    for (const s of file.statements) {
        if (ts.isExportAssignment(s) && s.isExportEquals) {
            found = s.expression;
        } else if (isModuleExportsAssignment(s)) {
            found = s.expression.right; // the last assignment is what importers get
        }
    }
    return found;
}

export type DefaultExport = { expr: ts.Expression } | { decl: ts.ClassDeclaration | ts.FunctionDeclaration };

/** `export default e`, `export default class ...` or `export default function ...`. */
export function defaultExport(file: ts.SourceFile): DefaultExport | undefined {
    for (const s of file.statements) {
        if (ts.isExportAssignment(s) && !s.isExportEquals) {
            return { expr: s.expression };
        }
        if ((ts.isClassDeclaration(s) || ts.isFunctionDeclaration(s)) && hasModifier(s, ts.SyntaxKind.ExportKeyword) && hasModifier(s, ts.SyntaxKind.DefaultKeyword)) {
            return { decl: s };
        }
    }
    return undefined;
}

/** `module.exports = <expr>` at the top level of a CommonJS module. */
export function isModuleExportsAssignment(s: ts.Statement): s is ts.ExpressionStatement & { expression: ts.BinaryExpression } {
    if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression) || s.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) {
        return false;
    }
    const left = s.expression.left;
    return ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === "module" && left.name.text === "exports";
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
    return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}
