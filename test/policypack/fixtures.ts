import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalyzerSession, EngineResource, PolicyDiagnostic, SessionOptions } from "../../linter/src/engine/analyzer-session";
import { acquirePackSession, releasePackSession } from "../harness/pack-pool";
import { PACK_DIR, packConfig } from "./pack-fixtures";

export * from "./pack-fixtures";

/**
 * The pack started with these options for the file's (or describe block's) tests: the worker's
 * running one when another file already started the same (test/harness/pack-pool.ts).
 */
export function usePackSession(options: Partial<SessionOptions> = {}): () => AnalyzerSession {
    const start: SessionOptions = { packDir: PACK_DIR, policyConfig: packConfig(), ...options };
    let session: AnalyzerSession | undefined;
    beforeAll(async () => {
        session = await acquirePackSession(start);
    });
    afterAll(async () => {
        if (session) {
            session = undefined;
            await releasePackSession(start);
        }
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
