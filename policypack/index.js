"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const policy_1 = require("@pulumi/policy");
const policies_1 = require("./policies");
// The pack name is what `pulumi policy publish` and violation reports show.
new policy_1.PolicyPack("aws-account-guardrails", {
    description: "Multi-account AWS guardrails: no default providers, nothing acting in the management account.",
    policies: policies_1.policies,
});
//# sourceMappingURL=index.js.map