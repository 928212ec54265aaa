import type { Formatter } from "../report/model";

/** Loaded on demand: SARIF and code frames pull in libraries a JSON run does not need. */
export const FORMATTERS: Record<string, () => Formatter> = {
    stylish: () => (require("./stylish") as typeof import("./stylish")).formatStylish,
    json: () => (require("./json") as typeof import("./json")).formatJson,
    sarif: () => (require("./sarif") as typeof import("./sarif")).formatSarif,
    github: () => (require("./github") as typeof import("./github")).formatGithub,
};

export type { Report, Formatter } from "../report/model";
