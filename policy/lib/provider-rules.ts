/**
 * Each provider package by its own rules: which inputs make it assume a role, how it decodes them,
 * and when it can enforce an `allowedAccountIds` / `forbiddenAccountIds` pin. The sources each rule
 * follows are named next to it; the engine-protocol tables in test/policypack cite them per row.
 */
import { goFoldKey, JsonObject, JsonValue } from "./go-json";
import { AssumedRole, BoolInput, bridgeBool, decodeInput, malformed, RawInputs, roleOf } from "./provider-inputs";
import { UNKNOWN, UNKNOWN_SENTINEL } from "./plain-values";

export interface RoleResult {
    role?: AssumedRole;
    /** Inputs whose unknown value decides the role. */
    undecided: string[];
    /** Role-like inputs this provider never uses, each with why (for messages). */
    ignored: string[];
}

/** Whether a pin is enforced: the provider asks a trustworthy source for its account and refuses a mismatch. */
export type PinCheck = { enforced: true } | { enforced: false; input: string; reason: string } | { undecided: string[] };

export interface ProviderRules {
    /** How messages name this provider's package. */
    label: string;
    /** What to add to make the provider assume a sub-account role. */
    assumeHint: string;
    finalRole(inputs: RawInputs): RoleResult;
    pinCheck(inputs: RawInputs, list: "allowedAccountIds" | "forbiddenAccountIds"): PinCheck;
}

const ENFORCED: PinCheck = { enforced: true };

/**
 * @pulumi/aws (the Terraform AWS provider through the Pulumi bridge).
 * - Roles: `assumeRoles` (v7, a chain: aws-sdk-go-base `credentials.go` assumes each in order, so the
 *   last decides the account), `assumeRole` (v5/v6), on top of `assumeRoleWithWebIdentity`.
 * - Decoding: JSON text into a Go map (pulumi-terraform-bridge `config_encoding.go`): exact keys, last
 *   duplicate wins; other spellings of a key are renamed by the bridge, so they make the input ambiguous.
 * - Pins (terraform-provider-aws `internal/conns/config.go`, aws-sdk-go-base `aws_config.go`): the
 *   account id comes from `GetAwsAccountIDAndPartition`: STS GetCallerIdentity (endpoint `endpoints.sts`)
 *   unless `skipCredentialsValidation`; then IAM GetUser, STS, IAM ListRoles (`endpoints.iam` too)
 *   unless `skipRequestingAccountId`; with both skipped the id is "", which no allowed list contains
 *   (the provider refuses to start) and no forbidden list contains (the pin passes).
 */
const AWS_RULES: ProviderRules = {
    label: "the aws provider",
    assumeHint: 'Add assumeRoles: [{ roleArn: "arn:aws:iam::<sub-account>:role/Admin" }].',
    finalRole(inputs) {
        const chain = decodeInput(inputs, "assumeRoles");
        const single = decodeInput(inputs, "assumeRole");
        const present = (v: JsonValue | undefined) => v !== undefined && !(Array.isArray(v) && v.length === 0);
        if (present(chain) && present(single)) {
            malformed("assumeRole", single, "both assumeRoles and assumeRole are set; which one the aws provider uses depends on its version");
        }
        for (const [name, value] of [["assumeRoles", chain], ["assumeRole", single]] as const) {
            if (value === UNKNOWN) {
                return { undecided: [name], ignored: [] };
            }
            if (present(value)) {
                return lastOfChain(name, value as JsonValue);
            }
        }
        const web = decodeInput(inputs, "assumeRoleWithWebIdentity");
        if (web === undefined) {
            return { undecided: [], ignored: [] };
        }
        const role = roleOf("assumeRoleWithWebIdentity", web, "map", this.label);
        return role === UNKNOWN ? { undecided: ["assumeRoleWithWebIdentity.roleArn"], ignored: [] } : { role, undecided: [], ignored: [] };
    },
    pinCheck(inputs, list) {
        const skipCreds = bridgeBool(inputs, "skipCredentialsValidation");
        const skipLookup = bridgeBool(inputs, "skipRequestingAccountId");
        const insecure = bridgeBool(inputs, "insecure");
        const unclear = unreadableOrUnknown({ skipCredentialsValidation: skipCreds, skipRequestingAccountId: skipLookup, insecure });
        if (unclear) {
            return unclear;
        }
        if (skipCreds && skipLookup) {
            return list === "allowedAccountIds"
                ? ENFORCED
                : {
                      enforced: false,
                      input: "skipRequestingAccountId",
                      reason: "skipRequestingAccountId with skipCredentialsValidation leaves the provider's account id empty, and an empty id is never in forbiddenAccountIds",
                  };
        }
        if (insecure) {
            return { enforced: false, input: "insecure", reason: "insecure: true turns off TLS certificate checks, so the answer to which account the credentials belong to can be forged" };
        }
        const services = skipCreds ? ["sts", "iam"] : ["sts"];
        return endpointOverride(inputs, services, "fold") ?? ENFORCED;
    },
};

/**
 * @pulumi/aws-native (pulumi-aws-native `provider/pkg/provider/provider.go`, `types.go`).
 * - Roles: only `assumeRole`, a single object decoded into the Go struct `ProviderAssumeRole` (keys
 *   case-insensitive, last wins). `assumeRoles` is not an input; `roleArn` is the role Cloud Control
 *   uses for operations, not one the provider signs in as.
 * - Pins: `allowedAccountIds` / `forbiddenAccountIds` are checked only when `skipCredentialsValidation`
 *   is not the string "true" (the Node SDK, `provider.js`, defaults it to true; when the input is absent
 *   the provider reads AWS_SKIP_CREDENTIALS_VALIDATION from its own environment). The account comes
 *   from STS, whose endpoint `endpoints.sts` overrides (a Go map: exact, lower-case key). `insecure` and
 *   `skipRequestingAccountId` are rejected by its CheckConfig, so they never defeat a pin.
 */
const AWS_NATIVE_RULES: ProviderRules = {
    label: "the aws-native provider",
    assumeHint: 'Add assumeRole: { roleArn: "arn:aws:iam::<sub-account>:role/Admin" }.',
    finalRole(inputs) {
        const ignored = Object.entries(AWS_NATIVE_IGNORED)
            .filter(([name]) => inputs[name] !== undefined && inputs[name] !== null && inputs[name] !== "")
            .map(([, why]) => why);
        const value = decodeInput(inputs, "assumeRole");
        if (value === undefined) {
            return { undecided: [], ignored };
        }
        if (value === UNKNOWN) {
            return { undecided: ["assumeRole"], ignored };
        }
        const role = roleOf("assumeRole", value, "struct", this.label);
        return role === UNKNOWN ? { undecided: ["assumeRole.roleArn"], ignored } : { role, undecided: [], ignored };
    },
    pinCheck(inputs) {
        const skip = inputs.skipCredentialsValidation;
        if (skip === UNKNOWN_SENTINEL) {
            return { undecided: ["skipCredentialsValidation"] };
        }
        if (skip === undefined || skip === null) {
            return {
                enforced: false,
                input: "skipCredentialsValidation",
                reason: "skipCredentialsValidation is not set, so the provider takes it from AWS_SKIP_CREDENTIALS_VALIDATION in its own environment, which a policy cannot see",
            };
        }
        if (skip === true || skip === "true") {
            return {
                enforced: false,
                input: "skipCredentialsValidation",
                reason: "skipCredentialsValidation is true (the @pulumi/aws-native SDK's default), so the provider never asks STS which account its credentials belong to",
            };
        }
        return endpointOverride(inputs, ["sts"], "exact") ?? ENFORCED;
    },
};

const AWS_NATIVE_IGNORED: Record<string, string> = {
    assumeRoles: "it ignores assumeRoles: aws-native reads a single assumeRole object",
    assumeRoleWithWebIdentity: "it ignores assumeRoleWithWebIdentity, which aws-native does not have",
    roleArn: "its roleArn is the role Cloud Control uses for operations, not a role the provider signs in as",
};

function unreadableOrUnknown(flags: Record<string, BoolInput>): PinCheck | undefined {
    const undecided = Object.keys(flags).filter((k) => flags[k] === UNKNOWN);
    if (undecided.length > 0) {
        return { undecided };
    }
    for (const [name, v] of Object.entries(flags)) {
        if (typeof v === "object") {
            return { enforced: false, input: name, reason: `${name} is ${v.unreadable}, which is not a boolean the provider reads, so whether it checks its account cannot be told` };
        }
    }
    return undefined;
}

/**
 * An endpoint override for a service the account lookup uses. Both providers decode `endpoints` into a
 * Go map, where the last duplicate of a key wins. `fold` (aws): other spellings of the key count too,
 * because the bridge may rename them onto the attribute; `exact` (aws-native): only the lower-case key
 * is looked up (`endpoints[strings.ToLower(service)]`).
 */
function endpointOverride(inputs: RawInputs, services: string[], keys: "fold" | "exact"): PinCheck | undefined {
    const value = decodeInput(inputs, "endpoints");
    if (value === undefined) {
        return undefined;
    }
    if (value === UNKNOWN) {
        return { undecided: ["endpoints"] };
    }
    const blocks: JsonValue[] = Array.isArray(value) ? value : [value];
    for (const [i, block] of blocks.entries()) {
        const where = Array.isArray(value) ? `endpoints[${i}]` : "endpoints";
        if (block === UNKNOWN) {
            return { undecided: [where] };
        }
        if (!(block instanceof JsonObject)) {
            continue;
        }
        for (const service of services) {
            const exact = block.entries.filter(([k]) => k === service).slice(-1);
            const variants = keys === "fold" ? block.entries.filter(([k]) => k !== service && goFoldKey(k) === goFoldKey(service)) : [];
            for (const [key, url] of [...exact, ...variants]) {
                if (url === UNKNOWN) {
                    return { undecided: [`${where}.${key}`] };
                }
                if (typeof url === "string" && url !== "") {
                    return {
                        enforced: false,
                        input: `${where}.${key}`,
                        reason: `${where}.${key} sends the provider's account lookup to ${url}, and the provider believes whatever that endpoint answers`,
                    };
                }
            }
        }
    }
    return undefined;
}

/** The last role of a chain (a list, or a single object for one hop). Unknown earlier hops do not decide. */
function lastOfChain(name: string, value: JsonValue): RoleResult {
    const hops: JsonValue[] = Array.isArray(value) ? value : [value];
    const at = (i: number) => (Array.isArray(value) ? `${name}[${i}]` : name);
    // Every known hop must be a role the provider can assume: it stops at the first one it cannot.
    for (let i = 0; i < hops.length - 1; i++) {
        roleOf(at(i), hops[i], "map", AWS_RULES.label);
    }
    const last = hops.length - 1;
    if (hops[last] === UNKNOWN) {
        return { undecided: [at(last)], ignored: [] };
    }
    const role = roleOf(at(last), hops[last], "map", AWS_RULES.label);
    return role === UNKNOWN ? { undecided: [`${at(last)}.roleArn`], ignored: [] } : { role, undecided: [], ignored: [] };
}

/** The rules for a provider type; packages other than aws-native are read as the aws provider. */
export function rulesFor(providerType: string): ProviderRules {
    return providerType === "pulumi:providers:aws-native" ? AWS_NATIVE_RULES : AWS_RULES;
}
