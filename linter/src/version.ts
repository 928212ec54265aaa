import packageJson from "../../package.json";

/**
 * The version users see (`guardrail --version`, SARIF's tool driver): the installable package's
 * own, inlined into the bundle at build time.
 */
export const TOOL_VERSION: string = packageJson.version;
