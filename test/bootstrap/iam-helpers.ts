import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { SimulationOrgPolicies } from "@cloud-copilot/iam-simulate";
import type { ProgramRun } from "../../linter/src/preview/program-run";
import { jsonInput, resourceNamed } from "../programs/stack-runs";

/**
 * Evaluating the bootstrap's generated policies with a real IAM policy engine
 * (@cloud-copilot/iam-simulate): identity, trust/resource policies and SCPs.
 */
export type Doc = unknown;
export const MGMT = "111111111111";
export const REGION = "ap-southeast-2";
export const BUCKET = "acme-pulumi-state";
export const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
export const KEY_ARN = `arn:aws:kms:${REGION}:${MGMT}:key/0b8f2f6e-1111-2222-3333-444455556666`;
export const STATE_OBJECT = `${BUCKET_ARN}/.pulumi/stacks/static-site/dev.json`;

export const ALLOW_ALL: Doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
export const ADMINISTRATOR_ACCESS = { name: "AdministratorAccess", policy: ALLOW_ALL };

/** The mocks name ARNs after resource names; give the state bucket, key and management roles their real-world ARNs. */
export function withRealArns(doc: Doc): Doc {
    const text = JSON.stringify(doc)
        .split("arn:aws:mock:::bucket/pulumi-state")
        .join(BUCKET_ARN)
        .split("arn:aws:mock:::key/pulumi-secrets")
        .join(KEY_ARN)
        .replace(/arn:aws:mock:::role\/([\w+=,.@-]+)/g, `arn:aws:iam::${MGMT}:role/$1`);
    return JSON.parse(text);
}

/** Every inline policy the program attached to the role named `roleName`, as the simulator takes them. */
export function inlinePoliciesOf(run: ProgramRun, roleName: string): { name: string; policy: Doc }[] {
    const role = resourceNamed(run, "aws:iam/role:Role", roleName);
    return run.resources
        .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.parent === role.urn)
        .map((r) => ({ name: r.name, policy: withRealArns(jsonInput(r, "policy")) }));
}

export const trustOf = (run: ProgramRun, roleName: string): Doc => jsonInput(resourceNamed(run, "aws:iam/role:Role", roleName), "assumeRolePolicy");
export const keyPolicyOf = (run: ProgramRun): Doc => withRealArns(jsonInput(resourceNamed(run, "aws:kms/key:Key", "pulumi-secrets"), "policy"));
export const bucketPolicyOf = (run: ProgramRun): Doc => withRealArns(jsonInput(resourceNamed(run, "aws:s3/bucketPolicy:BucketPolicy", "pulumi-state"), "policy"));

export const roleArnIn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
export const sessionIn = (account: string, name: string, session = "pulumi") => `arn:aws:sts::${account}:assumed-role/${name}/${session}`;

export interface Request {
    principal: string;
    action: string;
    resource: string;
    resourceAccount: string;
    identity: { name: string; policy: Doc }[];
    resourcePolicy?: Doc;
    context: Record<string, string | string[]>;
    serviceControlPolicies?: SimulationOrgPolicies[];
}

/** "Allowed", "ImplicitlyDenied" or "ExplicitlyDenied"; a simulation error fails the test. */
export async function decide(request: Request): Promise<string> {
    const result = await runSimulation(
        {
            request: { principal: request.principal, action: request.action, resource: { resource: request.resource, accountId: request.resourceAccount }, contextVariables: request.context },
            identityPolicies: request.identity,
            serviceControlPolicies: request.serviceControlPolicies ?? [],
            resourceControlPolicies: [],
            resourcePolicy: request.resourcePolicy,
        },
        {},
    );
    if (result.resultType === "error") {
        throw new Error(`simulation error: ${JSON.stringify(result.errors)}`);
    }
    return result.overallResult;
}
