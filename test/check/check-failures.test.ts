import { describe, expect, it } from "vitest";
import { runGuardrailInProcess } from "../harness/in-process-cli";
import { TEST_ROOT } from "../harness/under-test";

/*
 * Programs and inputs `guardrail check` and `preview` cannot run: each a clear error and exit 2.
 * Apart from guardrail-check.test.ts so that the two files' waits (programs run into their
 * timeouts) overlap in the two test workers instead of adding up in one.
 */
const REPO = TEST_ROOT;

describe("guardrail check and preview on what cannot run", () => {
    it.each([
        { name: "a program that throws", args: ["preview", "test/fixtures/programs/throws"], message: /throws \(stack dev\): the program failed: boom: the program could not decide its buckets/ },
        { name: "config the program requires but the stack lacks", args: ["preview", "test/fixtures/programs/needs-config"], message: /Missing required configuration variable 'needs-config:bucketName'/ },
        { name: "malformed JSON in the program's package.json", args: ["preview", "test/fixtures/programs/bad-package-json"], message: /^guardrail: \S*test\/fixtures\/programs\/bad-package-json\/package\.json is not valid JSON: .*position/ },
        { name: "malformed JSON in a checked program's package.json", args: ["check", "test/fixtures/programs/bad-package-json"], message: /^guardrail: \S*bad-package-json\/package\.json is not valid JSON: /m },
        { name: "a folder that is not a Pulumi project", args: ["preview", "test/fixtures"], message: /fixtures is not a Pulumi project \(no Pulumi\.yaml\)/ },
        { name: "an unknown stack", args: ["preview", "workloads/static-site", "--stack", "staging"], message: /stack "staging" has no config file .* \(stacks: dev, prod\)/ },
        { name: "a missing policy pack config file", args: ["preview", "workloads/static-site", "--policy-pack-config", "nope.json"], message: /cannot read the policy pack config .*nope\.json: ENOENT/ },
        { name: "a pack config the engine would reject", args: ["preview", "workloads/static-site", "--stack", "dev", "--policy-pack-config", "package.json"], message: /is not a policy of this pack/ },
        { name: "an error thrown by a timer after resources were registered", args: ["preview", "test/fixtures/programs/late-timer-error"], message: /late-timer-error \(stack dev\): the program failed: the timer found no hosted zone$/m },
        { name: "a program that calls process.exit()", args: ["preview", "test/fixtures/programs/calls-process-exit"], message: /the program failed: the program called process\.exit\(0\) at .*index\.ts:5:\d+/ },
        {
            name: "a program that never ends and ignores SIGTERM (--timeout)",
            args: ["preview", "test/fixtures/programs/traps-sigterm", "--timeout", "4"],
            message: /traps-sigterm \(stack dev\): the program failed: the program did not finish within 4 s \(--timeout 4\); it ignored SIGTERM and was killed$/m,
        },
        { name: "a program that runs out of memory", args: ["preview", "test/fixtures/programs/out-of-memory"], message: /^guardrail: out-of-memory \(stack dev\): the program failed: the program ran out of memory \(JavaScript heap out of memory, heap \d+ MB\); give node more with NODE_OPTIONS=--max-old-space-size=<MB>\n$/ },
        { name: "--stack-config without a value", args: ["preview", "workloads/static-site", "--stack-config", "aws:region"], message: /option '--stack-config <key=value>' argument 'aws:region' is invalid\. expected KEY=VALUE/ },
        { name: "a --timeout that is not a number of seconds", args: ["preview", "workloads/static-site", "--timeout", "0"], message: /option '--timeout <seconds>' argument '0' is invalid\. must be a number of seconds greater than 0/ },
    ])("exits 2 with a clear error on $name", async ({ args, message }) => {
        const r = await runGuardrailInProcess(args, REPO);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.stderr).not.toMatch(/<--- Last few GCs --->|FATAL ERROR/);
    }, 120_000);

    it("check reports every failing program and exits 2: it never hangs, whatever the programs do", async () => {
        const programs = ["unawaited-rejection", "traps-sigterm", "throws"].map((p) => `test/fixtures/programs/${p}`);
        // Long enough for the programs that end to end on a loaded machine, short enough for a suite.
        const r = await runGuardrailInProcess(["check", ...programs, "--timeout", "10", "--format", "json"], REPO);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/unawaited-rejection \(stack dev\): the program failed: no certificate for example\.net/);
        expect(r.stderr).toMatch(/traps-sigterm \(stack dev\): the program failed: the program did not finish within 10 s/);
        expect(r.stderr).toMatch(/throws \(stack dev\): the program failed: boom/);
    }, 180_000);
});
