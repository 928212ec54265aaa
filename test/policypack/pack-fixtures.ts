import * as path from "node:path";
import { buildPolicyPackConfig } from "../../policy/lib/pack-config";
import { awsNativeProviderInputs, awsV7ProviderInputs, explicitProvider } from "../harness/resources";
import { TEST_ROOT } from "../harness/under-test";

/** The test organisation and provider shapes, shared by the pack tests and the benchmark (no vitest here). */

export const PACK_DIR = path.join(TEST_ROOT, "policypack");

/** Accounts of a test organisation (the pack knows them only through its config). */
export const MGMT = "111111111111";
export const DEV = "222222222222";
export const PROD = "333333333333";

export const roleIn = (account: string, role = "Admin", partition = "aws") => `arn:${partition}:iam::${account}:role/${role}`;

/** The config `npm run policy-config` would write for this organisation. */
export function packConfig(extra: { allowedAccountIds?: string[]; managementProjects?: string[]; allowUnknownTargetAtPreview?: boolean } = {}) {
    return buildPolicyPackConfig({ managementAccountId: MGMT, ...extra });
}

/** A @pulumi/aws v7 provider that assumes `roleArn` (JSON-encoded inputs, as the SDK sends them). */
export function v7Provider(name: string, inputs: Record<string, unknown>) {
    return explicitProvider(name, awsV7ProviderInputs(inputs));
}

/** A @pulumi/aws-native provider (JSON-encoded inputs and the SDK's defaults). */
export function nativeProvider(name: string, inputs: Record<string, unknown>) {
    return explicitProvider(name, awsNativeProviderInputs(inputs), { pkg: "aws-native" });
}

/** An aws provider as another language's SDK sends it: real objects rather than JSON text. */
export function otherSdkProvider(name: string, props: Record<string, unknown>, version = "7.48.0") {
    return explicitProvider(name, { version, ...props });
}

export function subAccountProvider(account = DEV, name = "target") {
    return v7Provider(name, { assumeRoles: [{ roleArn: roleIn(account) }], allowedAccountIds: [account], region: "ap-southeast-2" });
}

