"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TARGET_FIELDS = void 0;
exports.analyzeProviderTarget = analyzeProviderTarget;
exports.reachableAccounts = reachableAccounts;
const plain_values_1 = require("./plain-values");
/**
 * Works out which AWS account a provider acts in, from the provider's *inputs* as the engine
 * delivers them. Three encodings reach us: @pulumi/aws v7 JSON-encodes object inputs (assumeRoles
 * arrives as a string), other SDKs send real objects, and secrets arrive already unwrapped.
 */
/** A role ARN of any partition, with an optional path: arn:aws-us-gov:iam::123456789012:role/ops/Admin */
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;
exports.TARGET_FIELDS = [
    "assumeRoles",
    "assumeRole",
    "assumeRoleWithWebIdentity",
    "allowedAccountIds",
    "forbiddenAccountIds",
];
class MalformedInput extends Error {
    detail;
    constructor(detail) {
        super(detail.reason);
        this.detail = detail;
    }
}
function show(value) {
    if (value === plain_values_1.UNKNOWN) {
        return "<unknown>";
    }
    return typeof value === "string" ? value : JSON.stringify(value) ?? "undefined";
}
/** Decodes one input: JSON strings become values; "" and null mean "not set". */
function decode(field, raw) {
    if (raw === undefined || raw === null || raw === "") {
        return undefined;
    }
    if ((0, plain_values_1.containsUnknown)(raw)) {
        return plain_values_1.UNKNOWN;
    }
    if (typeof raw === "string") {
        try {
            return JSON.parse(raw);
        }
        catch {
            throw new MalformedInput({ field, value: raw, reason: `${field} is not valid JSON` });
        }
    }
    return raw;
}
function parseRole(source, raw) {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new MalformedInput({ field: source, value: show(raw), reason: `${source} must be an object with a roleArn` });
    }
    const arn = raw.roleArn;
    if (typeof arn !== "string" || arn === "") {
        throw new MalformedInput({ field: source, value: show(raw), reason: `${source} has no roleArn` });
    }
    const m = ROLE_ARN.exec(arn);
    if (!m) {
        throw new MalformedInput({ field: `${source}.roleArn`, value: arn, reason: `${source}.roleArn is not an IAM role ARN` });
    }
    return { roleArn: arn, partition: m[1], accountId: m[2], source };
}
function parseAccountList(field, raw) {
    const list = Array.isArray(raw) ? raw : [raw];
    return list.map((v) => {
        const id = typeof v === "number" ? String(v) : v;
        if (typeof id !== "string" || !ACCOUNT_ID.test(id)) {
            throw new MalformedInput({ field, value: show(raw), reason: `${field} must list 12-digit account ids` });
        }
        return id;
    });
}
/** The last role of whichever chain the provider uses (assumeRoles wins, as in the AWS provider). */
function finalRoleOf(values) {
    const chain = values.assumeRoles;
    if (chain !== undefined) {
        const roles = Array.isArray(chain) ? chain : [chain];
        const parsed = roles.map((r, i) => parseRole(Array.isArray(chain) ? `assumeRoles[${i}]` : "assumeRoles", r));
        if (parsed.length > 0) {
            return parsed[parsed.length - 1];
        }
    }
    if (values.assumeRole !== undefined) {
        return parseRole("assumeRole", values.assumeRole);
    }
    if (values.assumeRoleWithWebIdentity !== undefined) {
        return parseRole("assumeRoleWithWebIdentity", values.assumeRoleWithWebIdentity);
    }
    return undefined;
}
/** Analyses a provider's (possibly proxied) input properties. Never throws on bad input. */
function analyzeProviderTarget(props) {
    const result = { unknownFields: [], roleUnknown: false };
    const known = {};
    try {
        for (const field of exports.TARGET_FIELDS) {
            const value = decode(field, (0, plain_values_1.toPlain)((0, plain_values_1.readKey)(props, field)));
            if (value === plain_values_1.UNKNOWN) {
                result.unknownFields.push(field);
            }
            else if (value !== undefined) {
                known[field] = value;
            }
        }
        result.roleUnknown = result.unknownFields.some((f) => f.startsWith("assumeRole"));
        if (!result.roleUnknown) {
            result.finalRole = finalRoleOf(known);
        }
        if (known.allowedAccountIds !== undefined) {
            result.allowedAccountIds = parseAccountList("allowedAccountIds", known.allowedAccountIds);
        }
        if (known.forbiddenAccountIds !== undefined) {
            result.forbiddenAccountIds = parseAccountList("forbiddenAccountIds", known.forbiddenAccountIds);
        }
    }
    catch (e) {
        if (e instanceof MalformedInput) {
            result.malformed = e.detail;
        }
        else {
            throw e;
        }
    }
    return result;
}
/**
 * The accounts a provider can act in, as far as its inputs say: the final role's account, or for a
 * provider that assumes no role, the accounts `allowedAccountIds` pins it to. `undefined` means any
 * account the ambient credentials belong to (here: the management account).
 */
function reachableAccounts(target) {
    if (target.finalRole) {
        return [target.finalRole.accountId];
    }
    return target.allowedAccountIds && target.allowedAccountIds.length > 0 ? target.allowedAccountIds : undefined;
}
//# sourceMappingURL=provider-target.js.map