/**
 * The engine hooks the ESLint front end relies on: parsed files shared between runs, what a finding
 * is about (for suggestions), and the names in scope at a node.
 */
import * as path from "node:path";
import { ts } from "@ts-morph/common";
import { describe, expect, it } from "vitest";
import { ParseCache, ProjectSources } from "../../linter/src/analysis/project-sources";
import { namesInScope } from "../../linter/src/analysis/scopes";
import { DEFAULT_SETTINGS, Linter } from "../../linter/src/linter";
import { SdkRegistry } from "../../linter/src/sdk/registry";
import { MAIN, memoryHost, PROJECT } from "../linter/rule-tester";

const registry = new SdkRegistry({ fallbackDir: path.resolve(__dirname, "../..") });

function lint(files: Record<string, string>) {
    const linter = new Linter(DEFAULT_SETTINGS, memoryHost(files), undefined, { registry });
    return { linter, findings: linter.lintFiles([MAIN]) };
}

describe("ParseCache", () => {
    it("hands out the same parse while the text is the same, and parses a changed text afresh", () => {
        const cache = new ParseCache();
        const a = cache.parse("/p/a.ts", "const x = 1;");
        expect(cache.parse("/p/a.ts", "const x = 1;")).toBe(a);
        const b = cache.parse("/p/a.ts", "const x = 2;");
        expect(b).not.toBe(a);
        expect(b.source.text).toBe("const x = 2;");
        expect(cache.parse("/p/b.ts", "const x = 2;")).not.toBe(b);
    });

    it("is shared by the sources of separate runs through their host", () => {
        const parseCache = new ParseCache();
        const host = { ...memoryHost({ "index.ts": "export const a = 1;" }), parseCache };
        const first = new ProjectSources(host).get(MAIN);
        const second = new ProjectSources(host).get(MAIN);
        expect(second).toBe(first);
        expect(new ProjectSources(memoryHost({ "index.ts": "export const a = 1;" })).get(MAIN)).not.toBe(first);
    });

    it("keeps syntax errors with the parse", () => {
        const parsed = new ParseCache().parse("/p/a.ts", "const = ;");
        expect(parsed.syntaxErrors.length).toBeGreaterThan(0);
    });
});

describe("Linter.subjectOf", () => {
    it("names the creation a finding at it is about", () => {
        const { linter, findings } = lint({ "index.ts": `import * as aws from "@pulumi/aws";\nnew aws.s3.Bucket("b");` });
        const subject = linter.subjectOf(findings[0]);
        expect(subject?.creation?.kind).toBe("resource");
        expect(subject?.node).toBe(subject?.creation?.node);
        expect(subject?.creation?.needs).toEqual(["aws"]);
    });

    it("names the helper's resource for a finding at the helper's call", () => {
        const code = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
function mk(name: string, opts?: pulumi.CustomResourceOptions) { return new aws.sqs.Queue(name, {}, opts); }
mk("a");`;
        const { linter, findings } = lint({ "index.ts": code });
        expect(findings.map((f) => [f.ruleId, f.messageId, f.line])).toEqual([["require-resource-provider", "viaCall", 3]]);
        const subject = linter.subjectOf(findings[0])!;
        expect(ts.isCallExpression(subject.node) && subject.node.expression.getText()).toBe("mk");
        expect(subject.creation?.display).toBe("aws.sqs.Queue");
    });

    it("names the child resource for a component given no provider", () => {
        const code = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
class Site extends pulumi.ComponentResource { constructor(name: string, opts?: pulumi.ComponentResourceOptions) { super("x:y:Site", name, {}, opts); new aws.s3.Bucket(name, {}, { parent: this }); } }
new Site("s");`;
        const { linter, findings } = lint({ "index.ts": code });
        expect(findings.map((f) => [f.ruleId, f.messageId, f.line])).toEqual([["require-component-provider", "missingProviders", 3]]);
        const subject = linter.subjectOf(findings[0])!;
        expect(ts.isNewExpression(subject.node) && subject.node.expression.getText()).toBe("Site");
        expect(subject.creation?.display).toBe("aws.s3.Bucket");
    });

    it("has nothing for suppression findings", () => {
        const { linter, findings } = lint({ "index.ts": `// guardrail-ignore-next-line require-resource-provider -- nothing here\nconst x = 1;` });
        expect(findings.map((f) => f.ruleId)).toEqual(["unused-suppression"]);
        expect(linter.subjectOf(findings[0])).toBeUndefined();
    });
});

describe("namesInScope", () => {
    it("lists what code at a node can refer to, inner declarations shadowing outer ones", () => {
        const text = `import * as aws from "@pulumi/aws"; import { dev } from "./p";
const outer = 1; const p = 2;
function f(p: number, { q }: { q: number }) { const inner = 3; return MARK; }
const after = 4;`;
        const sf = ts.createSourceFile(path.join(PROJECT, "x.ts"), text, ts.ScriptTarget.Latest, true);
        let mark: ts.Node | undefined;
        const visit = (n: ts.Node): void => {
            if (ts.isIdentifier(n) && n.text === "MARK") {
                mark = n;
            }
            ts.forEachChild(n, visit);
        };
        visit(sf);
        const names = namesInScope(mark!);
        expect([...names.keys()].sort()).toEqual(["after", "aws", "dev", "f", "inner", "outer", "p", "q"]);
        expect(ts.isParameter(names.get("p")!)).toBe(true);
        expect(ts.isBindingElement(names.get("q")!)).toBe(true);
        expect(ts.isImportSpecifier(names.get("dev")!)).toBe(true);
    });
});
