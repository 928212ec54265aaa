import * as path from "node:path";
import { parseUrn, StackState } from "./checkpoint";
import type { StackEntry } from "./stack-entry";

/** Which stack a state belongs to, as the engine would name it to the pack. */
export interface StackIdentityOfState {
    project: string;
    stack: string;
    /** `project/stack`, for messages. */
    label: string;
}

/**
 * A backend's layout names project and stack; `checkpoint.stack` may be `organization/<project>/<stack>`;
 * an export names neither, but every URN carries both (`urn:pulumi:<stack>::<project>::...`). An
 * export of an empty stack has no URN: its file name stands in for the stack's name.
 */
export function identityOf(entry: StackEntry, state: StackState | undefined): StackIdentityOfState {
    const qualified = state?.qualifiedName?.split("/") ?? [];
    const fromUrn = state?.resources.length ? parseUrn(state.resources[0].urn) : undefined;
    const project = entry.project ?? (qualified.length === 3 ? qualified[1] : undefined) ?? fromUrn?.project ?? "";
    const stack =
        entry.stack ??
        (qualified.length > 0 ? qualified[qualified.length - 1] : undefined) ??
        fromUrn?.stack ??
        path.basename(entry.location).replace(/\.json(\.gz)?$/, "");
    return { project, stack, label: project ? `${project}/${stack}` : stack };
}

/** The URN the engine reports stack-level diagnostics at: the stack resource's. */
export function rootStackUrn(state: StackState, id: StackIdentityOfState): string {
    const own = state.resources.find((r) => r.type === "pulumi:pulumi:Stack" && !r.parent);
    return own?.urn ?? `urn:pulumi:${id.stack}::${id.project}::pulumi:pulumi:Stack::${id.project}-${id.stack}`;
}
