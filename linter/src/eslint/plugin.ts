/**
 * The plugin object (index.ts exports it as the package's `eslint` subpath). `import guardrail from "pulumi-aws-guardrails/eslint"`: the ESLint front end of `guardrail lint`
 * (ESLint 9 and 10, flat config). Same rule ids (under `guardrail/`), same messages, same analysis:
 * the file being linted is ESLint's text (an editor's unsaved buffer), the rest of the project is
 * read from disk, and guardrail.config.json and suppression comments apply as they do for the CLI.
 */
import type { ESLint, Linter, Rule } from "eslint";
import { CHECK_RULES, invalidSuppression, parseError, unusedSuppression, unverifiableOptions } from "../rules";
import type { RuleMeta } from "../report/rule-meta";
import { TOOL_VERSION } from "../version";
import { eslintRule } from "./rules";

/** What `guardrail lint` reports from code (preview's findings come from running programs, not from a file). */
export const PLUGIN_RULES: readonly RuleMeta[] = [...CHECK_RULES, unverifiableOptions, parseError, invalidSuppression, unusedSuppression];

/** The files `guardrail lint` reads. */
const TYPESCRIPT_FILES = ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"];

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(PLUGIN_RULES.map((r) => [r.id, eslintRule(r)]));

export const plugin: ESLint.Plugin & { configs: { recommended: Linter.Config } } = {
    meta: { name: "pulumi-aws-guardrails", version: TOOL_VERSION, namespace: "guardrail" },
    rules,
    configs: { recommended: {} },
};

/** Every rule at the CLI's default severity, for the files the CLI lints. */
plugin.configs.recommended = {
    name: "guardrail/recommended",
    files: TYPESCRIPT_FILES,
    plugins: { guardrail: plugin },
    rules: Object.fromEntries(PLUGIN_RULES.map((r) => [`guardrail/${r.id}`, r.defaultSeverity === "error" ? "error" : "warn"])),
};

