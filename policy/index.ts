/**
 * The guardrail policy library: every policy of the CrossGuard pack, its name, and the writer of its
 * `--policy-pack-config`. A pack folder is a few lines over it (this repository's `policypack/`, or
 * the one `guardrail init` writes into a user's repository, which imports the same code as
 * `pulumi-aws-guardrails/policy`):
 *
 *   new PolicyPack(PACK_NAME, { description: PACK_DESCRIPTION, policies });
 *
 * The pack is constructed by the pack folder, not here, so that it is registered with the
 * `@pulumi/policy` the pack process loads from that folder.
 */
export { policies } from "./policies";
export { buildPolicyPackConfig } from "./lib/pack-config";
export type { GuardrailConfig } from "./lib/config";

/** The pack name: what `pulumi policy publish` and violation reports show. */
export const PACK_NAME = "aws-account-guardrails";
export const PACK_DESCRIPTION = "Multi-account AWS guardrails: no default providers, nothing acting in the management account.";
