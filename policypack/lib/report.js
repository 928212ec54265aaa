"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.reportAtLevel = reportAtLevel;
exports.resourceCheckWithConfig = resourceCheckWithConfig;
exports.stackCheckWithConfig = stackCheckWithConfig;
const config_1 = require("./config");
/**
 * Reports a violation at a level other than the policy's own. @pulumi/policy's server accepts an
 * object in place of the message for this, but its `ReportViolation` type only admits strings.
 */
function reportAtLevel(report, message, enforcementLevel, urn) {
    const violation = { message, enforcementLevel, urn };
    report(violation);
}
const CONFIG_HINT = "Fix the policy configuration (npm run policy-config writes one from the organisation map).";
/** Reads and validates the policy's config first; an invalid config is a mandatory violation, never a pass. */
function resourceCheckWithConfig(schema, check) {
    return (args, report) => {
        const result = (0, config_1.readConfig)(schema, args.getConfig());
        if (!result.ok) {
            reportAtLevel(report, `invalid policy configuration: ${result.error}. ${CONFIG_HINT}`, "mandatory");
            return;
        }
        check(args, report, result.config);
    };
}
function stackCheckWithConfig(schema, check) {
    return (args, report) => {
        const result = (0, config_1.readConfig)(schema, args.getConfig());
        if (!result.ok) {
            reportAtLevel(report, `invalid policy configuration: ${result.error}. ${CONFIG_HINT}`, "mandatory");
            return;
        }
        check(args, report, result.config);
    };
}
//# sourceMappingURL=report.js.map