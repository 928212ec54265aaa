"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildPolicyPackConfig = buildPolicyPackConfig;
const policies_1 = require("../policies");
/**
 * Builds a `--policy-pack-config` document: each policy gets exactly the keys its `configSchema`
 * declares, so the file stays valid as policies gain or drop keys.
 */
function buildPolicyPackConfig(settings, policies = policies_1.policies) {
    const out = {};
    for (const policy of policies) {
        const block = {};
        for (const key of Object.keys(policy.configSchema?.properties ?? {})) {
            const value = settings[key];
            if (value !== undefined) {
                block[key] = value;
            }
        }
        if (Object.keys(block).length > 0) {
            out[policy.name] = block;
        }
    }
    return out;
}
//# sourceMappingURL=pack-config.js.map