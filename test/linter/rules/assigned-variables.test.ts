import { requireResourceProvider } from "../../../linter/src/rules/require-resource-provider";
import { ruleTester } from "../rule-tester";

/**
 * A `let` declared without a value and assigned later: its `undefined` start reaches a read only on
 * a path where no assignment ran first (linter/src/analysis/definite-assignment.ts). Runtime
 * agreement: test/fixtures/agreement/patterns (`chosen-good`, `chosen-bad`).
 *
 * Assigned only inside functions (`export function init(p) { provider = p; }`), a read elsewhere
 * depends on whether a call ran first, an order of calls the linter does not follow: unverifiable,
 * at the read. It was "undefined on some path", an error reported at init's call.
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
        { name: "reassigned from itself: the read inside sees the value before", code: `${P}let o: { provider?: aws.Provider; protect?: boolean } = { protect: true };\no = { ...o, provider: prod };\nnew aws.s3.Bucket("b", {}, o);` },
        { name: "reassigned before the read: the initial value is gone", code: `${P}let q: aws.Provider | undefined = undefined;\nq = prod;\nnew aws.s3.Bucket("b", {}, { provider: q });` },
        { name: "assigned in a for...of over a list literal, which runs", code: `${P}let q: aws.Provider | undefined;\nfor (const p of [dev, prod]) { q = p; }\nnew aws.s3.Bucket("b", {}, { provider: q });` },
        { name: "a list built from itself in a loop", code: `${P}let list: aws.Provider[] = [];\nfor (const x of [1, 2]) { list = [...list, prod]; }\nfor (const p of list) { new aws.s3.Bucket("b", {}, { provider: p }); }` },
        { name: "built from itself in a loop over a list literal", code: `${P}let o: { provider?: aws.Provider } = {};\nfor (const x of [1, 2]) { o = { ...o, provider: prod }; }\nnew aws.s3.Bucket("b", {}, o);` },
        { name: "assigned in a try block and its catch", code: `${P}let q: aws.Provider;\ntry { q = prod; } catch { q = dev; }\nnew aws.s3.Bucket("b", {}, { provider: q });` },
    ],
    invalid: [
        {
            name: "set only by a setter function: unverifiable at the read, not an error at the setter's call",
            code: `${P}let current: aws.Provider;\nexport function useAccount(p: aws.Provider) { current = p; }\nuseAccount(dev);\nnew aws.s3.Bucket("b", {}, { provider: current });`,
            errors: [{ messageId: "unverifiable", line: 7, message: /"current" is set by useAccount\(\), which the linter cannot tell runs before this/ }],
        },
        {
            name: "set by a setter and read in a helper: unverifiable in the helper",
            code: `${P}let current: aws.Provider | undefined;\nexport const init = () => { current = prod; };\nexport function bucket(name: string) { return new aws.s3.Bucket(name, {}, { provider: current }); }\ninit();\nbucket("b");`,
            errors: [{ messageId: "unverifiable", line: 6 }],
        },
        { name: "assigned on one branch only", code: `${P}let q: aws.Provider | undefined;\nif (pulumi.getStack() === "prod") { q = prod; }\nnew aws.s3.Bucket("b", {}, { provider: q });`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "a switch without a default", code: `${P}let q: aws.Provider | undefined;\nswitch (pulumi.getStack()) { case "prod": q = prod; break; case "dev": q = dev; }\nnew aws.s3.Bucket("b", {}, { provider: q });`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "a clause that breaks before assigning", code: `${P}let q: aws.Provider | undefined;\nswitch (pulumi.getStack()) { case "qa": break; default: q = dev; }\nnew aws.s3.Bucket("b", {}, { provider: q });`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "read in a function called before the assignment", code: `${P}let q: aws.Provider | undefined;\nfunction make() { new aws.s3.Bucket("b", {}, { provider: q }); }\nmake();\nq = dev;`, errors: [{ messageId: "missingProvider", line: 5 }] },
        { name: "built from itself in a loop, never given a provider", code: `${P}let o: { provider?: aws.Provider; protect?: boolean } = {};\nfor (const x of [1, 2]) { o = { ...o, protect: x > 1 }; }\nnew aws.s3.Bucket("b", {}, o);`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "built from itself in a loop, with a computed key", code: `${P}let o: Record<string, unknown> = {};\nfor (const x of [1, 2]) { o = { ...o, [String(x)]: x }; }\nnew aws.s3.Bucket("b", {}, o);`, errors: [{ messageId: "unverifiable", line: 6, message: /computed/ }] },
        { name: "assigned in a loop that may run no time", code: `${P}declare const ids: string[];\nlet q: aws.Provider | undefined;\nfor (const id of ids) { q = prod; }\nnew aws.s3.Bucket("b", {}, { provider: q });`, errors: [{ messageId: "missingProvider", line: 7 }] },
        { name: "assigned in a loop body that may continue first", code: `${P}let q: aws.Provider | undefined;\nfor (const id of ["a"]) { if (id) continue; q = prod; }\nnew aws.s3.Bucket("b", {}, { provider: q });`, errors: [{ messageId: "missingProvider", line: 6 }] },
        { name: "a list built from itself in a loop, with an undefined", code: `${P}let list: (aws.Provider | undefined)[] = [];\nfor (const x of [1, 2]) { list = [...list, x > 1 ? prod : undefined]; }\nfor (const p of list) { new aws.s3.Bucket("b", {}, { provider: p }); }`, errors: [{ messageId: "missingProvider", line: 6 }] },
        {
            // Generated code: each copy is one more step, past what the stack holds; the rest of the file is still judged.
            name: "options copied through 20,000 spreads",
            code: `${P}const o0 = { provider: prod };\n${Array.from({ length: 20_000 }, (_, i) => `const o${i + 1} = { ...o${i} };`).join("\n")}\nnew aws.s3.Bucket("deep", {}, o20000);\nnew aws.s3.Bucket("bad");`,
            errors: [
                { messageId: "unverifiable", line: 20_005, message: /too many steps/ },
                { messageId: "missingProvider", line: 20_006 },
            ],
        },
        { name: "read before the assignment", code: `${P}let q: aws.Provider | undefined;\nnew aws.s3.Bucket("b", {}, { provider: q });\nq = dev;`, errors: [{ messageId: "missingProvider", line: 5 }] },
    ],
});
