import { requireInvokeProvider } from "../../../linter/src/rules/require-invoke-provider";
import { ruleTester } from "../rule-tester";

const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const p = new aws.Provider("p", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/Admin" }] });
`;

ruleTester(requireInvokeProvider, {
    valid: [
        { name: "provider in invoke options", code: `${P}aws.getCallerIdentity({}, { provider: p });` },
        { name: "Output variant with provider", code: `${P}aws.ec2.getVpcOutput({ default: true }, { provider: p });` },
        { name: "named import with provider", code: `import { getPolicyDocument } from "@pulumi/aws/iam"; import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\ngetPolicyDocument({ statements: [] }, { provider: p });` },
        { name: "parent that carries a provider", code: `${P}const b = new aws.s3.Bucket("b", {}, { provider: p });\naws.s3.getBucketOutput({ bucket: "x" }, { parent: b });` },
        {
            name: "parent: this inside a component given a provider",
            code: `${P}class C extends pulumi.ComponentResource { constructor(n: string, opts?: pulumi.ComponentResourceOptions) { super("x:y:C", n, {}, opts); aws.getRegionOutput({}, { parent: this }); } }\nnew C("c", { providers: [p] });`,
        },
        { name: "aws-native account lookup takes its options first", code: `import * as native from "@pulumi/aws-native"; declare const n: native.Provider;\nnative.getAccountIdOutput({ provider: n });` },
        { name: "allowed token", code: `import * as aws from "@pulumi/aws";\naws.getPartition();`, settings: { allowDefaultProviderInvokes: ["aws:index/getPartition:getPartition"] } },
        { name: "not an invoke: a config value", code: `import * as aws from "@pulumi/aws";\nconst r = aws.config.region;` },
        { name: "not an invoke: shadowed name", code: `import * as aws from "@pulumi/aws";\nconst f = (aws: { getCallerIdentity(): void }) => aws.getCallerIdentity();` },
        { name: "not an invoke: strings and comments", code: `// aws.getCallerIdentity()\nconst s = "aws.ec2.getVpc()";` },
        { name: "helper whose callers pass a provider", code: `${P}const whoAmI = (provider: aws.Provider) => aws.getCallerIdentityOutput({}, { provider });\nwhoAmI(p);` },
    ],
    invalid: [
        { name: "root invoke without arguments", code: `import * as aws from "@pulumi/aws";\nconst id = aws.getCallerIdentity();`, errors: [{ messageId: "missingProvider", line: 2, column: 12, message: /aws\.getCallerIdentity\(\.\.\.\) has no explicit provider/ }] },
        { name: "module invoke with args only", code: `import * as aws from "@pulumi/aws";\naws.ec2.getVpc({ default: true });`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "Output variant", code: `import * as aws from "@pulumi/aws";\naws.iam.getPolicyDocumentOutput({ statements: [] });`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "named import from a deep module", code: `import { getAmi as ami } from "@pulumi/aws/ec2";\nami({ owners: ["amazon"] }, { async: true } as any);`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "aws-native lookup whose only argument is its options", code: `import * as native from "@pulumi/aws-native";\nnative.getAccountId({});`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "allow-list is by exact token", code: `import * as aws from "@pulumi/aws";\naws.getRegion();`, settings: { allowDefaultProviderInvokes: ["aws:index/getPartition:getPartition"] }, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "parent without provider", code: `import * as aws from "@pulumi/aws";\nconst b = new aws.s3.Bucket("b");\naws.s3.getBucket({ bucket: "x" }, { parent: b });`, errors: [{ messageId: "missingProvider", line: 3, message: /its parent, new aws\.s3\.Bucket\(\.\.\.\).*has no provider either/ }] },
        { name: "providers does not count for an invoke", code: `${P}aws.getRegionOutput({}, { providers: [p] } as any);`, errors: [{ messageId: "missingProvider", line: 3 }] },
        { name: "a provider of another package", code: `import * as aws from "@pulumi/aws"; import * as native from "@pulumi/aws-native"; declare const n: native.Provider;\naws.getRegionOutput({}, { provider: n });`, errors: [{ messageId: "wrongPackage", line: 2 }] },
        { name: "in async code", code: `import * as aws from "@pulumi/aws";\nexport async function f() { const id = await aws.getCallerIdentity(); return id.accountId; }`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "helper called without a provider: at the call", code: `${P}const whoAmI = (provider?: aws.Provider) => aws.getCallerIdentityOutput({}, { provider });\nwhoAmI(p);\nwhoAmI();`, errors: [{ messageId: "viaCall", line: 5, message: /whoAmI\(\.\.\.\) gives no provider to aws\.getCallerIdentityOutput/ }] },
        { name: "unverifiable options", code: `import * as aws from "@pulumi/aws"; declare const o: () => object;\naws.getRegion({}, o());`, errors: [{ messageId: "unverifiable", line: 2 }] },
    ],
});
