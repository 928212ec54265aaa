import { ts } from "@ts-morph/common";
import type { CallSite } from "./context";

/**
 * What the analyses look for in a file, collected in one walk of its syntax tree: finding creations,
 * the files a lint set calls into, project classes and call sites each needed a walk of every
 * file of their own, and walking is most of what they cost on a large program. Lists are in the
 * order a walk visits nodes (pre-order), which is the order the analyses used to see them in.
 * Syntax only, so it is kept with the tree (and shared by runs that share parsed files).
 */
export interface FileIndex {
    /** Calls, `new` and `super(...)` expressions. */
    calls: CallSite[];
    classes: ts.ClassLikeDeclaration[];
    /**
     * Every identifier, for a search that must see each use of a name (a function passed around as
     * a value). A flat list rather than a map by name: it is read for a few names only, and a map
     * per file costs a large program more memory (and collection time) than the scans it saves.
     */
    identifiers: ts.Identifier[];
    /** Whether `identifiers` ends in increasing positions (as a walk in source order gives): then a name's places in the text find its identifiers. */
    inTextOrder: boolean;
}

const indexes = new WeakMap<ts.SourceFile, FileIndex>();

// What the walk uses of the compiler, read once: `ts.X` is a getter call on the compiler's
// namespace, and the walk visits every node of every file (a 2,000-file program: 340,000).
const { Identifier, CallExpression, NewExpression, ClassDeclaration, ClassExpression } = ts.SyntaxKind;
const { forEachChild } = ts;

export function fileIndex(source: ts.SourceFile): FileIndex {
    let index = indexes.get(source);
    if (!index) {
        index = indexTree(source);
    }
    return index;
}

/**
 * Sets every node's parent and indexes the file, in one walk. The parser can set parents itself
 * (`setParentNodes`), but that is a walk of its own costing as much again, and the index needs one
 * anyway: a file parsed without parents must come here before anything reads them.
 */
export function indexTree(source: ts.SourceFile): FileIndex {
    const calls: CallSite[] = [];
    const classes: ts.ClassLikeDeclaration[] = [];
    const identifiers: ts.Identifier[] = [];
    let inTextOrder = true;
    let lastEnd = -1;
    let parent: ts.Node = source;
    const visit = (node: ts.Node): void => {
        setParent(node, parent);
        // By kind, in one switch: this runs for every node of every file.
        switch (node.kind) {
            case Identifier:
                inTextOrder &&= node.end > lastEnd;
                lastEnd = node.end;
                identifiers.push(node as ts.Identifier);
                return; // an identifier has no children
            case CallExpression:
            case NewExpression:
                calls.push(node as CallSite);
                break;
            case ClassDeclaration:
            case ClassExpression:
                classes.push(node as ts.ClassLikeDeclaration);
                break;
        }
        const outer = parent;
        parent = node;
        forEachChild(node, visit);
        parent = outer;
    };
    ts.forEachChild(source, visit);
    const index = { calls, classes, identifiers, inTextOrder };
    indexes.set(source, index);
    return index;
}

/**
 * The identifiers spelt `name` in a file, in source order. A search asks a file it knows mentions
 * the name (its text was searched), for a few names: their places in the text lead to them
 * faster than a look at every identifier. An identifier written with a unicode escape is not in
 * the text as such, so such a file is looked through whole.
 */
export function identifiersNamed(source: ts.SourceFile, name: string): ts.Identifier[] {
    const index = fileIndex(source);
    const escaped = ts.escapeLeadingUnderscores(name);
    const text = source.text;
    if (!index.inTextOrder || text.includes("\\u")) {
        return index.identifiers.filter((id) => id.escapedText === escaped);
    }
    const ids = index.identifiers;
    const out: ts.Identifier[] = [];
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        const end = at + name.length;
        let lo = 0;
        let hi = ids.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (ids[mid].end < end) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // The whole identifier, not the end of a longer one (`MySite` for `Site`).
        const id = ids[lo];
        if (id !== undefined && id.end === end && id.escapedText === escaped) {
            out.push(id);
        }
    }
    return out;
}

function setParent(node: ts.Node, parent: ts.Node): void {
    (node as { parent: ts.Node }).parent = parent;
    // JSDoc is no child to forEachChild; the parser's own parent pass gives it parents too, so do the same.
    const docs = (node as { jsDoc?: ts.Node[] }).jsDoc;
    for (const doc of docs ?? []) {
        setParentsBelow(doc, node);
    }
}

function setParentsBelow(node: ts.Node, parent: ts.Node): void {
    (node as { parent: ts.Node }).parent = parent;
    ts.forEachChild(node, (child) => setParentsBelow(child, node));
}
