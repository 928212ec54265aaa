import { requireProviderAssumeRole } from "../../../linter/src/rules/require-provider-assume-role";
import { ruleTester } from "../rule-tester";

ruleTester(requireProviderAssumeRole, {
    valid: [
        { name: "assumeRoles", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });` },
        { name: "assumeRole (v6)", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { assumeRole: { roleArn: "arn:aws:iam::222222222222:role/Admin" } } as any);` },
        { name: "web identity", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { assumeRoleWithWebIdentity: { roleArn: "arn", webIdentityToken: "t" } });` },
        { name: "args in a const with spread", code: `import * as aws from "@pulumi/aws";\nconst role = { assumeRoles: [{ roleArn: "arn" }] };\nnew aws.Provider("p", { ...role, region: "us-east-1" });` },
        { name: "renamed import", code: `import { Provider as AwsProvider } from "@pulumi/aws";\nnew AwsProvider("p", { assumeRoles: [] });` },
        { name: "other packages' providers are not aws", code: `import * as random from "@pulumi/random";\nnew random.Provider("r");` },
    ],
    invalid: [
        { name: "no args", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p");`, errors: [{ messageId: "noAssumeRole", line: 2, column: 1, message: /new aws\.Provider\(\.\.\.\) assumes no role/ }] },
        { name: "region only", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { region: "us-east-1" });`, errors: [{ messageId: "noAssumeRole", line: 2 }] },
        { name: "named import", code: `import { Provider } from "@pulumi/aws";\nconst p = new Provider("p", { profile: "mgmt" });`, errors: [{ messageId: "noAssumeRole", line: 2, column: 11 }] },
        { name: "aws-native provider", code: `import * as native from "@pulumi/aws-native";\nnew native.Provider("p", { region: "us-east-1" });`, errors: [{ messageId: "noAssumeRole", line: 2 }] },
        { name: "args from a call", code: `import * as aws from "@pulumi/aws"; declare function args(): any;\nnew aws.Provider("p", args());`, errors: [{ messageId: "unverifiable", line: 2 }] },
    ],
});
