/**
 * Checked by `tsc` (npm test), not run: the declarations shipped for `pulumi-aws-guardrails/policy`
 * and `pulumi-aws-guardrails/provider` (linter/types/, hand-written because esbuild emits none)
 * must describe the sources the bundles are built from. Each assignment fails to compile when a
 * declared export is missing from the source or its type no longer fits.
 */
import type * as DeclaredPolicy from "../../linter/types/policy";
import type * as DeclaredProvider from "../../linter/types/provider";
import * as policy from "../../policy";
import * as provider from "../../linter/src/library/provider";

export const policyLibrary: typeof DeclaredPolicy = policy;
export const providerLibrary: typeof DeclaredProvider = provider;
