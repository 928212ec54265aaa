/**
 * `import guardrail from "pulumi-aws-guardrails/eslint"` (bundled to linter/dist/eslint.js, CommonJS:
 * ESLint loads it from an ESM or CommonJS config alike, and the default import is the plugin).
 */
import { plugin } from "./plugin";

export = plugin;
