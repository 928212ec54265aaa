import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// The pack name is what `pulumi policy publish` and violation reports show.
new PolicyPack("aws-account-guardrails", {
    description: "Multi-account AWS guardrails: no default providers, nothing acting in the management account.",
    policies,
});
