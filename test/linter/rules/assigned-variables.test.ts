import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * A `let` declared without a value and assigned later: its `undefined` start reaches a read only on
 * a path where no assignment ran first (linter/src/analysis/definite-assignment.ts). Runtime
 * agreement: test/fixtures/agreement/patterns (`chosen-good`, `chosen-bad`).
 */
const P = `import * as aws from "@pulumi/aws"; import * as pulumi from "@pulumi/pulumi";
const dev = new aws.Provider("dev", { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/A" }] });
const prod = new aws.Provider("prod", { assumeRoles: [{ roleArn: "arn:aws:iam::333333333333:role/A" }] });
`;

ruleTester(requireResourceProvider, {
    valid: [
        { name: "assigned in both branches of an if", code: `${P}let q: aws.Provider;\nif (pulumi.getStack() === "prod") { q = prod; } else { q = dev; }\nnew aws.s3.Bucket("b", {}, { provider: q });` },
        { name: "assigned in every clause of a switch with a default", code: `${P}let q: aws.Provider;\nswitch (pulumi.getStack()) { case "prod": q = prod; break; default: q = dev; }\nnew aws.s3.Bucket("b", {}, { provider: q });` },
        { name: "a clause that falls through to an assignment", code: `${P}let q: aws.Provider;\nswitch (pulumi.getStack()) { case "prod": case "production": q = prod; break; default: q = dev; }\nnew aws.s3.Bucket("b", {}, { provider: q });` },
        { name: "assigned unconditionally, then reassigned", code: `${P}let q = dev;\nif (pulumi.getStack() === "prod") { q = prod; }\nnew aws.s3.Bucket("b", {}, { provider: q });` },
        { name: "assigned in a try block and its catch", code: `${P}let q: aws.Provider;\ntry { q = prod; } catch { q = dev; }\nnew aws.s3.Bucket("b", {}, { provider: q });` },
    ],
    invalid: [
        { name: "assigned on one branch only", code: `${P}let q: aws.Provider | undefined;\nif (pulumi.getStack() === "prod") { q = prod; }\nnew aws.s3.Bucket("b", {}, { provider: q });`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "a switch without a default", code: `${P}let q: aws.Provider | undefined;\nswitch (pulumi.getStack()) { case "prod": q = prod; break; case "dev": q = dev; }\nnew aws.s3.Bucket("b", {}, { provider: q });`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "a clause that breaks before assigning", code: `${P}let q: aws.Provider | undefined;\nswitch (pulumi.getStack()) { case "qa": break; default: q = dev; }\nnew aws.s3.Bucket("b", {}, { provider: q });`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "read in a function called before the assignment", code: `${P}let q: aws.Provider | undefined;\nfunction make() { new aws.s3.Bucket("b", {}, { provider: q }); }\nmake();\nq = dev;`, errors: [{ messageId: "missingProvider", line: 5 }] },
        { name: "read before the assignment", code: `${P}let q: aws.Provider | undefined;\nnew aws.s3.Bucket("b", {}, { provider: q });\nq = dev;`, errors: [{ messageId: "missingProvider", line: 5 }] },
    ],
});
