import { requireProviderAssumeRole } from "../../../linter/src/rules/require-provider-assume-role";
import { ruleTester } from "../rule-tester";

const ROLE = `{ roleArn: "arn:aws:iam::222222222222:role/Admin" }`;

ruleTester(requireProviderAssumeRole, {
    valid: [
        { name: "assumeRoles", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { assumeRoles: [${ROLE}] });` },
        { name: "assumeRole (v6)", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { assumeRole: ${ROLE} } as any);` },
        { name: "web identity", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { assumeRoleWithWebIdentity: { roleArn: "arn", webIdentityToken: "t" } });` },
        { name: "args in a const with spread", code: `import * as aws from "@pulumi/aws";\nconst role = { assumeRoles: [${ROLE}] };\nnew aws.Provider("p", { ...role, region: "us-east-1" });` },
        { name: "renamed import", code: `import { Provider as AwsProvider } from "@pulumi/aws";\nnew AwsProvider("p", { assumeRoles: [${ROLE}] });` },
        { name: "aws-native assumeRole", code: `import * as native from "@pulumi/aws-native";\nnew native.Provider("p", { region: "us-east-1", assumeRole: ${ROLE} });` },
        { name: "other packages' providers are not aws", code: `import * as random from "@pulumi/random";\nnew random.Provider("r");` },
        { name: "args chosen by a condition on a parameter every caller sets", code: `import * as aws from "@pulumi/aws";\nconst forAccount = (id?: string) => new aws.Provider("p", id ? { assumeRoles: [{ roleArn: \`arn:aws:iam::\${id}:role/Admin\` }] } : {});\nforAccount("222222222222");` },
        { name: "args spread from a helper's parameter, every caller assumes a role", code: `import * as aws from "@pulumi/aws";\nconst inAccount = (args: aws.ProviderArgs) => new aws.Provider("p", { region: "us-east-1", ...args });\ninAccount({ assumeRoles: [${ROLE}] });` },
    ],
    invalid: [
        {
            name: "args chosen by a condition on a parameter a caller leaves unset: reported at that call",
            code: `import * as aws from "@pulumi/aws";\nconst forAccount = (id?: string) => new aws.Provider("p", id ? { assumeRoles: [{ roleArn: \`arn:aws:iam::\${id}:role/Admin\` }] } : {});\nforAccount("222222222222");\nforAccount();`,
            errors: [{ messageId: "viaCall", line: 4, message: /forAccount\(\.\.\.\) makes new aws\.Provider\(\.\.\.\)/ }],
        },
        { name: "no args", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p");`, errors: [{ messageId: "noAssumeRole", line: 2, column: 1, message: /new aws\.Provider\(\.\.\.\) assumes no role/ }] },
        { name: "region only", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { region: "us-east-1" });`, errors: [{ messageId: "noAssumeRole", line: 2 }] },
        { name: "named import", code: `import { Provider } from "@pulumi/aws";\nconst p = new Provider("p", { profile: "mgmt" });`, errors: [{ messageId: "noAssumeRole", line: 2, column: 11 }] },
        { name: "assumeRoles: [] assumes nothing", code: `import * as aws from "@pulumi/aws";\nnew aws.Provider("p", { assumeRoles: [] });`, errors: [{ messageId: "noAssumeRole", line: 2, message: /`assumeRoles: \[\]` assumes nothing/ }] },
        { name: "a role on one path only", code: `import * as aws from "@pulumi/aws"; declare const prod: boolean;\nnew aws.Provider("p", prod ? { assumeRoles: [${ROLE}] } : { region: "us-east-1" });`, errors: [{ messageId: "noAssumeRole", line: 2 }] },
        { name: "aws-native provider without assumeRole", code: `import * as native from "@pulumi/aws-native";\nnew native.Provider("p", { region: "us-east-1" });`, errors: [{ messageId: "noAssumeRole", line: 2, message: /add assumeRole: \{ roleArn/ }] },
        { name: "aws-native roleArn is the Cloud Control role, not an assumed one", code: `import * as native from "@pulumi/aws-native";\nnew native.Provider("p", { region: "us-east-1", roleArn: "arn:aws:iam::222222222222:role/Admin" });`, errors: [{ messageId: "noAssumeRole", line: 2, message: /aws-native ignores `roleArn`/ }] },
        { name: "aws-native ignores an assumeRoles list", code: `import * as native from "@pulumi/aws-native";\nnew native.Provider("p", { region: "us-east-1", assumeRoles: [${ROLE}] } as any);`, errors: [{ messageId: "noAssumeRole", line: 2, message: /aws-native ignores `assumeRoles`/ }] },
        {
            name: "args spread from a helper's parameter: the caller that assumes nothing",
            code: `import * as aws from "@pulumi/aws";\nconst inAccount = (args: aws.ProviderArgs) => new aws.Provider("p", { region: "us-east-1", ...args });\ninAccount({ assumeRoles: [${ROLE}] });\ninAccount({ profile: "mgmt" });`,
            errors: [{ messageId: "viaCall", line: 4, message: /inAccount\(\.\.\.\) makes new aws\.Provider\(\.\.\.\)/ }],
        },
        { name: "args from a call", code: `import * as aws from "@pulumi/aws"; declare function args(): any;\nnew aws.Provider("p", args());`, errors: [{ messageId: "unverifiable", line: 2, message: /cannot verify that new aws\.Provider\(\.\.\.\) assumes a role: they come from a call/ }] },
    ],
});
