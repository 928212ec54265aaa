import * as path from "node:path";

/**
 * What the engine, pack and preview suites run against. By default this checkout: its policy pack,
 * its programs and its bundled CLI, resolving the SDKs from the repository's own node_modules.
 *
 * The Node 22/24 runs of `.ci/run` (test/runtimes/) set GUARDRAIL_TEST_ROOT to a scratch user
 * repository laid out like this one (policypack/, workloads/, bootstrap/, test/fixtures/) whose
 * node_modules holds the current SDK releases and guardrail installed from the packed tarball: the
 * same tests then start that pack, run those programs and call that installed CLI.
 */
const REPO_ROOT = path.resolve(__dirname, "../..");
const override = process.env.GUARDRAIL_TEST_ROOT;

export const TEST_ROOT = override ? path.resolve(override) : REPO_ROOT;

/** Scratch folder inside TEST_ROOT: a pack or program placed here resolves TEST_ROOT's node_modules. */
export const TEST_TMP = path.join(TEST_ROOT, "test/.tmp");

/** The `guardrail` bin: this checkout's, or the one installed from the tarball in the scratch repository. */
export const GUARDRAIL_BIN = override
    ? path.join(TEST_ROOT, "node_modules/pulumi-aws-guardrails/linter/bin/guardrail.js")
    : path.join(REPO_ROOT, "linter/bin/guardrail.js");
