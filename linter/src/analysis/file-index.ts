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
}

const indexes = new WeakMap<ts.SourceFile, FileIndex>();

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
    let parent: ts.Node = source;
    const visit = (node: ts.Node): void => {
        setParent(node, parent);
        if (ts.isIdentifier(node)) {
            identifiers.push(node);
            return; // an identifier has no children
        }
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
            calls.push(node);
        } else if (ts.isClassLike(node)) {
            classes.push(node);
        }
        const outer = parent;
        parent = node;
        ts.forEachChild(node, visit);
        parent = outer;
    };
    ts.forEachChild(source, visit);
    const index = { calls, classes, identifiers };
    indexes.set(source, index);
    return index;
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
