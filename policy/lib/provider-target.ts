/**
 * Which AWS account a provider acts in, from the provider's *inputs* read by that provider's own
 * rules (provider-rules.ts), and whether an account pin can stop it acting anywhere else. One verdict
 * per provider URN and inputs is computed once and shared by every policy and every resource.
 */
import { AccountList, accountListOf, AssumedRole, Malformed, MalformedInput, RawInputs } from "./provider-inputs";
import { PinCheck, rulesFor } from "./provider-rules";
import { rawProperties } from "./plain-values";

export type { AssumedRole, Malformed } from "./provider-inputs";
export type { PinCheck } from "./provider-rules";

export interface ProviderTarget {
    /** How messages name the provider's package, e.g. "the aws-native provider". */
    label: string;
    /** What to add to make it assume a sub-account role. */
    assumeHint: string;
    /** The first input that cannot be read as the provider reads it; such a provider is never trusted. */
    malformed?: Malformed;
    /** The last role of the chain, i.e. the role whose account the provider acts in. */
    finalRole?: AssumedRole;
    /**
     * Inputs whose unknown value decides the account (empty when it is decided): the role's ARN, or,
     * for a provider that assumes no role, its pin and what decides whether the pin is enforced.
     */
    undecided: string[];
    /** Role-like inputs this provider never uses (aws-native's `assumeRoles`), each saying why. */
    ignoredRoleInputs: string[];
    /** Pins whose value is not known yet (whether or not they decide the account). */
    unknownPins: string[];
    allowedAccountIds?: string[];
    forbiddenAccountIds?: string[];
    /** Whether the provider can enforce each pin it has (absent when the pin is not set or not known). */
    allowedCheck?: PinCheck;
    forbiddenCheck?: PinCheck;
}

export interface ProviderLike {
    type: string;
    urn: string;
    props: unknown;
}

function analyze(type: string, inputs: RawInputs): ProviderTarget {
    const rules = rulesFor(type);
    const target: ProviderTarget = { label: rules.label, assumeHint: rules.assumeHint, undecided: [], ignoredRoleInputs: [], unknownPins: [] };
    try {
        const role = rules.finalRole(inputs);
        target.finalRole = role.role;
        target.ignoredRoleInputs = role.ignored;
        const lists: [("allowedAccountIds" | "forbiddenAccountIds"), AccountList | undefined][] = [
            ["allowedAccountIds", accountListOf(inputs, "allowedAccountIds")],
            ["forbiddenAccountIds", accountListOf(inputs, "forbiddenAccountIds")],
        ];
        const pinUndecided: string[] = [];
        for (const [name, list] of lists) {
            if (list === undefined) {
                continue;
            }
            if ("unknown" in list) {
                pinUndecided.push(name);
                target.unknownPins.push(name);
                continue;
            }
            const check = rules.pinCheck(inputs, name);
            if (name === "allowedAccountIds") {
                target.allowedAccountIds = list.ids;
                target.allowedCheck = check;
            } else {
                target.forbiddenAccountIds = list.ids;
                target.forbiddenCheck = check;
            }
            if ("undecided" in check) {
                pinUndecided.push(...check.undecided);
            }
        }
        // A known last role decides the account on its own; without one, the pin decides.
        target.undecided = role.undecided.length > 0 ? role.undecided : role.role ? [] : [...new Set(pinUndecided)];
    } catch (e) {
        if (!(e instanceof MalformedInput)) {
            throw e;
        }
        target.malformed = e.detail;
    }
    return target;
}

const MAX_CACHED = 10_000;
const verdicts = new Map<string, ProviderTarget>();

/**
 * The verdict for a provider, cached per type, URN and inputs: every policy asks for it for every
 * resource, so it is worked out once per provider rather than once per policy and resource.
 */
export function providerTarget(provider: ProviderLike): ProviderTarget {
    const inputs = rawProperties(provider.props);
    // The policies of one Analyze call, and consecutive resources, mostly ask about the same provider:
    // equal primitive inputs (the @pulumi/aws and aws-native SDKs send only strings) need no key at all.
    if (last && last.type === provider.type && last.urn === provider.urn && samePrimitives(last.inputs, inputs)) {
        return last.verdict;
    }
    const key = `${provider.type}\n${provider.urn}\n${JSON.stringify(inputs)}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
        if (verdicts.size >= MAX_CACHED) {
            verdicts.clear();
        }
        verdict = Object.freeze(analyze(provider.type, inputs));
        verdicts.set(key, verdict);
    }
    last = { type: provider.type, urn: provider.urn, inputs, verdict };
    return verdict;
}

let last: { type: string; urn: string; inputs: RawInputs; verdict: ProviderTarget } | undefined;

/** Same keys with the same primitive values; an object value (another SDK's encoding) goes to the keyed cache. */
function samePrimitives(a: RawInputs, b: RawInputs): boolean {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) {
        return false;
    }
    for (const k of keys) {
        const v = a[k];
        if (v !== b[k] || (typeof v === "object" && v !== null)) {
            return false;
        }
    }
    return true;
}

/** True when the pin is set, known and enforced by the provider. */
export function pinHolds(check: PinCheck | undefined): boolean {
    return check !== undefined && "enforced" in check && check.enforced;
}

/** Why a set pin cannot hold, if it cannot. */
export function pinDefeat(check: PinCheck | undefined): { input: string; reason: string } | undefined {
    return check !== undefined && "enforced" in check && !check.enforced ? check : undefined;
}

/**
 * The accounts a provider can act in, as far as its inputs say: the final role's account, or for a
 * provider that assumes no role, the accounts an enforced `allowedAccountIds` pins it to. `undefined`
 * means any account the ambient credentials belong to (here: the management account).
 */
export function reachableAccounts(target: ProviderTarget): string[] | undefined {
    if (target.finalRole) {
        return [target.finalRole.accountId];
    }
    return target.allowedAccountIds && pinHolds(target.allowedCheck) ? target.allowedAccountIds : undefined;
}
