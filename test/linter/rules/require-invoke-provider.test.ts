import { requireInvokeProvider } from "../../../linter/src/rules/require-invoke-provider";
import { ruleTester } from "../rule-tester";

ruleTester(requireInvokeProvider, {
    valid: [
        { name: "provider in invoke options", code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\naws.getCallerIdentity({}, { provider: p });` },
        { name: "Output variant with provider", code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\naws.ec2.getVpcOutput({ default: true }, { provider: p });` },
        { name: "named import with provider", code: `import { getPolicyDocument } from "@pulumi/aws/iam"; declare const p: any;\ngetPolicyDocument({ statements: [] }, { provider: p });` },
        { name: "parent that carries a provider", code: `import * as aws from "@pulumi/aws"; declare const p: aws.Provider;\nconst b = new aws.s3.Bucket("b", {}, { provider: p });\naws.s3.getBucketOutput({ bucket: "x" }, { parent: b });` },
        { name: "parent: this inside a component", code: `import * as pulumi from "@pulumi/pulumi"; import * as aws from "@pulumi/aws";\nclass C extends pulumi.ComponentResource { constructor(n: string) { super("x:y:C", n); aws.getRegionOutput({}, { parent: this }); } }` },
        { name: "allowed token", code: `import * as aws from "@pulumi/aws";\naws.getPartition();`, settings: { allowDefaultProviderInvokes: ["aws:index/getPartition:getPartition"] } },
        { name: "not an invoke: a config value", code: `import * as aws from "@pulumi/aws";\nconst r = aws.config.region;` },
        { name: "not an invoke: shadowed name", code: `import * as aws from "@pulumi/aws";\nconst f = (aws: { getCallerIdentity(): void }) => aws.getCallerIdentity();` },
        { name: "not an invoke: strings and comments", code: `// aws.getCallerIdentity()\nconst s = "aws.ec2.getVpc()";` },
    ],
    invalid: [
        { name: "root invoke without arguments", code: `import * as aws from "@pulumi/aws";\nconst id = aws.getCallerIdentity();`, errors: [{ messageId: "missingProvider", line: 2, column: 12, message: /aws\.getCallerIdentity\(\.\.\.\) has no explicit provider/ }] },
        { name: "module invoke with args only", code: `import * as aws from "@pulumi/aws";\naws.ec2.getVpc({ default: true });`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "Output variant", code: `import * as aws from "@pulumi/aws";\naws.iam.getPolicyDocumentOutput({ statements: [] });`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "named import from a deep module", code: `import { getAmi as ami } from "@pulumi/aws/ec2";\nami({ owners: ["amazon"] }, { async: true } as any);`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "allow-list is by exact token", code: `import * as aws from "@pulumi/aws";\naws.getRegion();`, settings: { allowDefaultProviderInvokes: ["aws:index/getPartition:getPartition"] }, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "parent without provider", code: `import * as aws from "@pulumi/aws";\nconst b = new aws.s3.Bucket("b");\naws.s3.getBucket({ bucket: "x" }, { parent: b });`, errors: [{ messageId: "missingProvider", line: 3, message: /its parent b has no provider/ }] },
        { name: "in async code", code: `import * as aws from "@pulumi/aws";\nexport async function f() { const id = await aws.getCallerIdentity(); return id.accountId; }`, errors: [{ messageId: "missingProvider", line: 2 }] },
        { name: "unverifiable options", code: `import * as aws from "@pulumi/aws"; declare const o: () => object;\naws.getRegion({}, o());`, errors: [{ messageId: "unverifiable", line: 2 }] },
    ],
});
