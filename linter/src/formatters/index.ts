import { formatGithub } from "./github";
import { formatJson } from "./json";
import type { Formatter } from "./report";
import { formatSarif } from "./sarif";
import { formatStylish } from "./stylish";

export const FORMATTERS: Record<string, Formatter> = {
    stylish: formatStylish,
    json: formatJson,
    sarif: formatSarif,
    github: formatGithub,
};

export type { Report, Formatter } from "./report";
