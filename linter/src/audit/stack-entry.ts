/** One stack's state somewhere: a file, a checkpoint in a backend folder, an object in a bucket. */
export interface StackEntry {
    /** Where it is, as shown in the report: an absolute path or an `s3://` URL. */
    location: string;
    /** What the location says about the stack (a backend's layout names project and stack). */
    project?: string;
    stack?: string;
    read(): Promise<Buffer>;
}

export interface Listing {
    entries: StackEntry[];
    /** What was deliberately not read, and why. */
    skipped: string[];
}

/** Checkpoint names a self-managed backend writes: `<stack>.json`, gzipped or zstd-compressed. */
const CHECKPOINT = /^(.+)\.json(\.gz|\.zst)?$/;

export function checkpointStackName(fileName: string): string | undefined {
    return CHECKPOINT.exec(fileName)?.[1];
}

export interface Candidate {
    location: string;
    project?: string;
    stack: string;
    modified: number;
    read(): Promise<Buffer>;
}

/**
 * Keeps one checkpoint per stack. A backend that switched compression on or off can hold both
 * `<stack>.json` and `<stack>.json.gz`; the newer one is the stack's state, the other is named as skipped.
 */
export function onePerStack(candidates: Candidate[]): Listing {
    const byStack = new Map<string, Candidate[]>();
    for (const c of candidates) {
        const key = `${c.project ?? ""}/${c.stack}`;
        byStack.set(key, [...(byStack.get(key) ?? []), c]);
    }
    const entries: StackEntry[] = [];
    const skipped: string[] = [];
    for (const group of byStack.values()) {
        group.sort((a, b) => b.modified - a.modified || a.location.localeCompare(b.location));
        const [newest, ...older] = group;
        entries.push({ location: newest.location, project: newest.project, stack: newest.stack, read: newest.read });
        for (const o of older) {
            skipped.push(`${o.location}: an older checkpoint of the same stack than ${newest.location}`);
        }
    }
    entries.sort((a, b) => a.location.localeCompare(b.location));
    return { entries, skipped };
}
