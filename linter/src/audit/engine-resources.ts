/**
 * What the engine would send a policy pack for a stack's state, as in an update (pulumi/pulumi
 * `pkg/resource/deploy/step_generator.go`):
 *   - `Analyze`, once per resource registration: the resource's **inputs**, its parent, and its
 *     provider: the provider reference `<urn>::<id>` resolved to that provider resource, whose
 *     inputs are the provider's props. Default providers are resources of the state like any other
 *     (`pulumi:providers:aws::default_7_48_0`), so they are resolved, not invented.
 *   - `AnalyzeStack` (`AnalyzeResources`), once: every live resource with its **outputs** ("the final
 *     stack"), parent, dependencies, and the provider with its inputs.
 * Properties go through the engine's analyzer marshalling (`state-values.ts`).
 *
 * Beyond what one update would register, `Analyze` also gets what exists in the account without
 * being live in the stack: copies awaiting deletion (`delete: true`, left by a replacement) and the
 * resources of pending `creating`/`importing` operations (an interrupted update may have created
 * them). They are not part of the final stack, so `AnalyzeStack` leaves them out, as the engine does.
 */
import type { EngineProvider, EngineResource } from "../engine/analyzer-session";
import { parseUrn, StackState, StateError, StateResource } from "./checkpoint";
import { analyzerPropertiesFromState } from "./state-values";

/** A resource for `Analyze`, with what sets it apart when it is not live in the stack. */
export interface AuditedResource extends EngineResource {
    note?: "awaiting deletion" | "pending creation";
}

export interface AuditView {
    /** Sent one by one through `Analyze`. */
    analyze: AuditedResource[];
    /** Sent together through `AnalyzeStack`. */
    stack: EngineResource[];
}

/** Pending operations whose resource may exist although the stack's resource list lacks it. */
const MAY_HAVE_CREATED = new Set(["creating", "importing"]);

function isProvider(r: StateResource): boolean {
    return r.type.startsWith("pulumi:providers:");
}

function nameOf(r: StateResource): string {
    return parseUrn(r.urn)?.name ?? r.urn;
}

export function auditView(state: StackState): AuditView {
    const providers = new Map<string, { resource: StateResource; provider: EngineProvider }>();
    for (const r of [...state.resources, ...state.pendingOperations.map((op) => op.resource)]) {
        if (isProvider(r) && !r.delete && !providers.has(r.urn)) {
            providers.set(r.urn, { resource: r, provider: { type: r.type, urn: r.urn, name: nameOf(r), properties: analyzerPropertiesFromState(r.inputs) } });
        }
    }
    const resolve = (r: StateResource): EngineProvider | undefined => {
        if (!r.provider) {
            return undefined;
        }
        const cut = r.provider.lastIndexOf("::");
        const urn = cut > 0 ? r.provider.slice(0, cut) : r.provider;
        const found = providers.get(urn);
        if (!found) {
            // The engine refuses such a snapshot (its integrity check); so does the audit.
            throw new StateError(`${r.urn} refers to provider ${r.provider}, which is not in the state`);
        }
        return found.provider;
    };
    const build = (r: StateResource, properties: Record<string, unknown>, withDependencies: boolean): EngineResource => {
        const provider = resolve(r);
        return {
            type: r.type,
            urn: r.urn,
            name: nameOf(r),
            properties,
            ...(r.parent ? { parent: r.parent } : {}),
            ...(provider ? { provider } : {}),
            ...(withDependencies && r.dependencies ? { dependencies: r.dependencies } : {}),
        };
    };
    const pending = state.pendingOperations.filter((op) => MAY_HAVE_CREATED.has(op.type)).map((op) => op.resource);
    const analyze: AuditedResource[] = [
        ...state.resources.map((r) => ({ ...build(r, analyzerPropertiesFromState(r.inputs), false), ...(r.delete ? { note: "awaiting deletion" as const } : {}) })),
        ...pending.map((r) => ({ ...build(r, analyzerPropertiesFromState(r.inputs), false), note: "pending creation" as const })),
    ];
    const stack = state.resources.filter((r) => !r.delete).map((r) => build(r, analyzerPropertiesFromState(r.outputs), true));
    return { analyze, stack };
}
