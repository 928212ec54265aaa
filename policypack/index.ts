import { PolicyPack } from "@pulumi/policy";
import { PACK_DESCRIPTION, PACK_NAME, policies } from "@guardrails/policy";

// A thin pack over the policy library: the same few lines `guardrail init` writes into a user's
// repository, there importing the library from the installed package (pulumi-aws-guardrails/policy).
new PolicyPack(PACK_NAME, { description: PACK_DESCRIPTION, policies });
