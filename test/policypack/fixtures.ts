import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyzerSession, EngineResource, PolicyDiagnostic, SessionOptions } from "../../linter/src/engine/analyzer-session";
import { PACK_DIR, packConfig } from "./pack-fixtures";

export * from "./pack-fixtures";

/** Starts one pack process for the file's tests and stops it afterwards. */
export function usePackSession(options: Partial<SessionOptions> = {}): () => AnalyzerSession {
    let session: AnalyzerSession | undefined;
    beforeAll(async () => {
        session = await AnalyzerSession.start({ packDir: PACK_DIR, policyConfig: packConfig(), ...options });
    });
    afterAll(async () => {
        await session?.close();
    });
    return () => {
        if (!session) {
            throw new Error("policy pack session did not start");
        }
        return session;
    };
}

export interface ExpectedViolation {
    level: "mandatory" | "advisory";
    message: RegExp;
}

export interface PackCase {
    name: string;
    resource: EngineResource;
    /** What `policy` must report for this resource: nothing for a valid case. */
    violations: ExpectedViolation[];
}

/** Checks exactly what one policy reports for a resource (other policies are ignored). */
export function expectPolicyViolations(diagnostics: PolicyDiagnostic[], policy: string, expected: ExpectedViolation[]): void {
    const got = diagnostics.filter((d) => d.policyName === policy);
    expect(got.map((d) => d.enforcementLevel)).toEqual(expected.map((e) => e.level));
    got.forEach((d, i) => expect(d.message).toMatch(expected[i].message));
}

/** Table-driven valid/invalid cases for one policy, run over the engine protocol. */
export function packPolicyCases(policy: string, session: () => AnalyzerSession, cases: { valid: PackCase[]; invalid: PackCase[] }): void {
    describe("valid", () => {
        it.each(cases.valid)("$name", async ({ resource, violations }) => {
            expectPolicyViolations(await session().analyze(resource), policy, violations);
        });
    });
    describe("invalid", () => {
        it.each(cases.invalid)("$name", async ({ resource, violations }) => {
            expectPolicyViolations(await session().analyze(resource), policy, violations);
        });
    });
}
