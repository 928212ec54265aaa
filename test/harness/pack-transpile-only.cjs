/*
 * Preloaded (NODE_OPTIONS) into every process the tests start; acts only in a policy pack started
 * by `run-policy-pack`. The language host registers ts-node there with `typeCheck: true`, not
 * configurable: 2 of a pack start's 3 s of CPU are TypeScript checking the pack's sources, and the
 * suite starts some hundred packs across its Node runs. The pack's types are checked once per run by
 * `tsc -p tsconfig.json` (test/typecheck.test.ts); what the tests exercise is the pack's behaviour over the engine
 * protocol, which transpiling does not change. The cases that run as a user does (the README's
 * `check`, the tarball in a scratch repository) start their packs without this (userProcessEnv).
 */
"use strict";
const script = process.argv[1] || "";
if (/[\\/]cmd[\\/]run-policy-pack([\\/]|$)/.test(script)) {
    // The ts-node the host itself loads: `require("ts-node")` from inside its @pulumi/pulumi.
    const tsnode = require("node:module").createRequire(script)("ts-node");
    const register = tsnode.register;
    tsnode.register = (options) => register({ ...options, typeCheck: false, transpileOnly: true });
}
